// ---- conversions: Python objects <-> the client's Rust values ---------------------------------
//
// One impl per builtin here, one per user type in the generated items below; options,
// sequences, maps and boxes compose through the generic impls. Every check raises what
// uniffi's Python bindings raise for the same value (TypeError, ValueError, AttributeError).

/// A Python value as a client value, checked as uniffi's `check_lower` checks it.
trait FromPy: Sized {
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self>;

    /// An item of a list (borrowed from it), converted the same way. Ints and floats read an
    /// exact int or float without taking a reference: converting one runs no Python code, so
    /// the list cannot drop it meanwhile.
    ///
    /// # Safety
    /// `item` is a live object, held by a list for the duration of the call.
    #[inline]
    unsafe fn from_list_item(py: Python<'_>, item: *mut pyo3::ffi::PyObject) -> PyResult<Self> {
        Self::from_py(&Bound::from_borrowed_ptr(py, item))
    }
}

/// A client value as a Python value, built as uniffi's `lift`/`read` build it.
trait IntoPy: Sized {
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;

    /// The same as a new reference, or NULL with the exception set: what a sequence stores
    /// item by item (the builtins and stored records make it without a `PyResult`).
    #[inline]
    fn into_ptr(self, py: Python<'_>) -> *mut pyo3::ffi::PyObject {
        match self.into_py(py) {
            Ok(obj) => obj.into_ptr(),
            Err(err) => {
                err.restore(py);
                ::std::ptr::null_mut()
            }
        }
    }
}

/// A declared error as the Python exception uniffi raises for it.
trait IntoPyErr {
    fn into_pyerr(self, py: Python<'_>) -> PyErr;
}

/// A Python exception as a declared error, when it is one (foreign implementations).
trait FromPyErr: Sized {
    fn from_pyerr(err: &PyErr, py: Python<'_>) -> Option<PyResult<Self>>;
}

fn _uniffi_type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".to_string())
}

macro_rules! _uniffi_int {
    ($($t:ty => $name:literal, $min:expr, $max:expr;)*) => {$(
        impl FromPy for $t {
            #[inline]
            fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
                // An int in range: read it at once (the common case); anything else takes
                // the checked path below, with uniffi's errors.
                // SAFETY: `obj` is live; AsLongLong on an int has no side effect but an
                // overflow error, cleared here.
                unsafe {
                    let p = obj.as_ptr();
                    if pyo3::ffi::PyLong_Check(p) != 0 {
                        let v = pyo3::ffi::PyLong_AsLongLong(p);
                        if v != -1 || pyo3::ffi::PyErr_Occurred().is_null() {
                            #[allow(irrefutable_let_patterns)]
                            if let Ok(v) = <$t>::try_from(v) {
                                return Ok(v);
                            }
                        } else {
                            pyo3::ffi::PyErr_Clear();
                        }
                    }
                }
                match obj.extract::<i64>() {
                    Ok(v) => <$t>::try_from(v).map_err(|_| _uniffi_int_range($name, $min, $max)),
                    Err(e) if e.is_instance_of::<PyOverflowError>(obj.py()) => match obj.extract::<u64>() {
                        Ok(v) => <$t>::try_from(v).map_err(|_| _uniffi_int_range($name, $min, $max)),
                        Err(_) => Err(_uniffi_int_range($name, $min, $max)),
                    },
                    Err(_) => Err(PyTypeError::new_err(format!(
                        "'{}' object cannot be interpreted as an integer",
                        _uniffi_type_name(obj)
                    ))),
                }
            }

            #[inline]
            unsafe fn from_list_item(py: Python<'_>, item: *mut pyo3::ffi::PyObject) -> PyResult<Self> {
                if pyo3::ffi::PyLong_CheckExact(item) != 0 {
                    // (AsLongLong: in CPython 3.11 AsLong goes through AsLongAndOverflow.)
                    let v = pyo3::ffi::PyLong_AsLongLong(item);
                    if v != -1 || pyo3::ffi::PyErr_Occurred().is_null() {
                        #[allow(irrefutable_let_patterns)]
                        if let Ok(v) = <$t>::try_from(v) {
                            return Ok(v);
                        }
                    } else {
                        pyo3::ffi::PyErr_Clear();
                    }
                }
                Self::from_py(&Bound::from_borrowed_ptr(py, item))
            }
        }
        impl IntoPy for $t {
            #[inline]
            fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(::pyo3::IntoPyObject::into_pyobject(self, py)?.into_any())
            }

            #[inline]
            fn into_ptr(self, _: Python<'_>) -> *mut pyo3::ffi::PyObject {
                // SAFETY: plain constructors; NULL (MemoryError set) only when out of memory.
                unsafe {
                    if _uniffi_fits_long(<$t>::MIN as i128, <$t>::MAX as i128) {
                        // CPython's fastest int constructor (one-digit values skip the digit loop).
                        pyo3::ffi::PyLong_FromLong(self as ::std::os::raw::c_long)
                    } else if <$t>::MIN == 0 {
                        pyo3::ffi::PyLong_FromUnsignedLongLong(self as u64)
                    } else {
                        pyo3::ffi::PyLong_FromLongLong(self as i64)
                    }
                }
            }
        }
    )*};
}

/// Whether every value of an integer type with this range is a C `long` (then CPython's
/// `PyLong_FromLong` takes it, its fastest constructor).
const fn _uniffi_fits_long(min: i128, max: i128) -> bool {
    min >= ::std::os::raw::c_long::MIN as i128 && max <= ::std::os::raw::c_long::MAX as i128
}

/// An argument that failed to convert: the exception says which argument (a note, as PyO3
/// adds to the arguments it converts itself).
#[cold]
fn _uniffi_arg_error(py: Python<'_>, name: &str, err: PyErr) -> PyErr {
    let _ = err.value(py).call_method1(intern!(py, "add_note"), (format!("while processing argument '{name}'"),));
    err
}

fn _uniffi_int_range(name: &str, min: &str, max: &str) -> PyErr {
    PyValueError::new_err(format!("{name} requires {min} <= value < {max}"))
}

_uniffi_int! {
    u8 => "u8", "0", "256";
    i8 => "i8", "-128", "128";
    u16 => "u16", "0", "65536";
    i16 => "i16", "-32768", "32768";
    u32 => "u32", "0", "4294967296";
    i32 => "i32", "-2147483648", "2147483648";
    u64 => "u64", "0", "18446744073709551616";
    i64 => "i64", "-9223372036854775808", "9223372036854775808";
}

impl FromPy for f64 {
    #[inline]
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        obj.extract::<f64>()
            .map_err(|_| PyTypeError::new_err(format!("must be real number, not {}", _uniffi_type_name(obj))))
    }

    #[inline]
    unsafe fn from_list_item(py: Python<'_>, item: *mut pyo3::ffi::PyObject) -> PyResult<Self> {
        if pyo3::ffi::PyFloat_CheckExact(item) != 0 {
            return Ok(pyo3::ffi::PyFloat_AS_DOUBLE(item));
        }
        Self::from_py(&Bound::from_borrowed_ptr(py, item))
    }
}

impl FromPy for f32 {
    #[inline]
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        f64::from_py(obj).map(|v| v as f32)
    }
}

impl IntoPy for f64 {
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyFloat::new(py, self).into_any())
    }

    #[inline]
    fn into_ptr(self, _: Python<'_>) -> *mut pyo3::ffi::PyObject {
        // SAFETY: a plain constructor; NULL (MemoryError set) only when out of memory.
        unsafe { pyo3::ffi::PyFloat_FromDouble(self) }
    }
}

impl IntoPy for f32 {
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyFloat::new(py, f64::from(self)).into_any())
    }
}

/// Any object is a bool by its truth value, as in uniffi.
impl FromPy for bool {
    #[inline]
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        obj.is_truthy()
    }
}

impl IntoPy for bool {
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyBool::new(py, self).to_owned().into_any())
    }
}

impl FromPy for String {
    #[inline(always)]
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        // SAFETY: `obj` is a live object; the UTF-8 buffer CPython caches in a str lives as
        // long as the str, and is copied before this returns.
        unsafe {
            if pyo3::ffi::PyUnicode_Check(obj.as_ptr()) == 0 {
                return Err(_uniffi_not_str(obj));
            }
            let mut len: pyo3::ffi::Py_ssize_t = 0;
            let data = pyo3::ffi::PyUnicode_AsUTF8AndSize(obj.as_ptr(), &mut len);
            if data.is_null() {
                // Lone surrogates: UnicodeEncodeError, as `str.encode("utf-8")` raises.
                return Err(PyErr::fetch(obj.py()));
            }
            let bytes = ::std::slice::from_raw_parts(data.cast::<u8>(), len as usize);
            Ok(String::from_utf8_unchecked(bytes.to_vec()))
        }
    }
}

#[cold]
fn _uniffi_not_str(obj: &Bound<'_, PyAny>) -> PyErr {
    PyTypeError::new_err(format!("argument must be str, not {}", _uniffi_type_name(obj)))
}

impl IntoPy for String {
    #[inline]
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyString::new(py, &self).into_any())
    }
}

/// `bytes`: anything that supports the buffer protocol, as `memoryview()` accepts it.
impl FromPy for ffi::rt::Bytes {
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        if let Ok(b) = obj.cast::<PyBytes>() {
            return Ok(ffi::rt::Bytes(b.as_bytes().to_vec()));
        }
        let py = obj.py();
        let view = py
            .import(intern!(py, "builtins"))?
            .getattr(intern!(py, "memoryview"))?
            .call1((obj,))
            .map_err(|_| {
                PyTypeError::new_err(format!("a bytes-like object is required, not {:?}", _uniffi_type_name(obj)))
            })?;
        let bytes = view.call_method0(intern!(py, "tobytes"))?;
        Ok(ffi::rt::Bytes(bytes.cast::<PyBytes>()?.as_bytes().to_vec()))
    }
}

impl IntoPy for ffi::rt::Bytes {
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyBytes::new(py, &self.0).into_any())
    }
}

impl<T: FromPy> FromPy for Option<T> {
    #[inline]
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        if obj.is_none() {
            Ok(None)
        } else {
            T::from_py(obj).map(Some)
        }
    }
}

impl<T: IntoPy> IntoPy for Option<T> {
    #[inline]
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(v) => v.into_py(py),
            None => Ok(py.None().into_bound(py)),
        }
    }
}

impl<T: FromPy> FromPy for Box<T> {
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        T::from_py(obj).map(Box::new)
    }
}

impl<T: IntoPy> IntoPy for Box<T> {
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        (*self).into_py(py)
    }
}

/// Sequences: any iterable, item by item.
impl<T: FromPy> FromPy for Vec<T> {
    #[inline]
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        let p = obj.as_ptr();
        // SAFETY: `p` is a live list; each item is read below the list's current length
        // (converting an item may run Python code that changes the list) and held while it is
        // converted.
        unsafe {
            if pyo3::ffi::PyList_Check(p) != 0 {
                let mut items = Vec::with_capacity(pyo3::ffi::PyList_GET_SIZE(p).max(0) as usize);
                let mut i = 0;
                while i < pyo3::ffi::PyList_GET_SIZE(p) {
                    items.push(T::from_list_item(py, pyo3::ffi::PyList_GET_ITEM(p, i))?);
                    i += 1;
                }
                return Ok(items);
            }
        }
        if let Ok(tuple) = obj.cast::<PyTuple>() {
            return tuple.iter().map(|item| T::from_py(&item)).collect();
        }
        obj.try_iter()?.map(|item| T::from_py(&item?)).collect()
    }
}

impl<T: IntoPy> IntoPy for Vec<T> {
    #[inline]
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        // A list of the final length, filled in place (a list whose filling failed halfway
        // is freed with its empty slots, which CPython allows).
        // SAFETY: PyList_New returns a new reference or NULL; SetItem steals `item` into a
        // slot below the length.
        unsafe {
            let list = pyo3::ffi::PyList_New(self.len() as pyo3::ffi::Py_ssize_t);
            if list.is_null() {
                return Err(PyErr::fetch(py));
            }
            let list = Bound::from_owned_ptr(py, list);
            for (i, item) in self.into_iter().enumerate() {
                let item = item.into_ptr(py);
                if item.is_null() {
                    return Err(PyErr::fetch(py));
                }
                pyo3::ffi::PyList_SET_ITEM(list.as_ptr(), i as pyo3::ffi::Py_ssize_t, item);
            }
            Ok(list)
        }
    }
}

/// Maps: anything with `.items()`.
impl<K: FromPy, V: FromPy> FromPy for ffi::rt::Map<K, V> {
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        if let Ok(dict) = obj.cast::<PyDict>() {
            return dict.iter().map(|(k, v)| Ok((K::from_py(&k)?, V::from_py(&v)?))).collect::<PyResult<_>>().map(ffi::rt::Map);
        }
        let items = obj.call_method0(intern!(obj.py(), "items"))?;
        let mut entries = Vec::new();
        for item in items.try_iter()? {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item?.extract()?;
            entries.push((K::from_py(&k)?, V::from_py(&v)?));
        }
        Ok(ffi::rt::Map(entries))
    }
}

impl<K: IntoPy, V: IntoPy> IntoPy for ffi::rt::Map<K, V> {
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let dict = PyDict::new(py);
        for (k, v) in self.0 {
            dict.set_item(k.into_py(py)?, v.into_py(py)?)?;
        }
        Ok(dict.into_any())
    }
}

impl<T: FromPy> FromPy for ffi::rt::Set<T> {
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        Vec::<T>::from_py(obj).map(ffi::rt::Set)
    }
}

impl<T: IntoPy> IntoPy for ffi::rt::Set<T> {
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let set = PySet::empty(py)?;
        for item in self.0 {
            set.add(item.into_py(py)?)?;
        }
        Ok(set.into_any())
    }
}

static _UNIFFI_EPOCH: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static _UNIFFI_TIMEDELTA: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// `datetime.fromtimestamp(0, tz=timezone.utc)`: timestamps are aware UTC datetimes.
fn _uniffi_epoch(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    _UNIFFI_EPOCH
        .get_or_try_init(py, || {
            let datetime = py.import("datetime")?;
            let utc = datetime.getattr("timezone")?.getattr("utc")?;
            Ok::<_, PyErr>(datetime.getattr("datetime")?.call_method1("fromtimestamp", (0, utc))?.unbind())
        })
        .map(|epoch| epoch.bind(py))
}

fn _uniffi_timedelta<'py>(py: Python<'py>, seconds: u64, nanos: u32) -> PyResult<Bound<'py, PyAny>> {
    let timedelta = _UNIFFI_TIMEDELTA.import(py, "datetime", "timedelta")?;
    let kwargs = PyDict::new(py);
    kwargs.set_item(intern!(py, "seconds"), seconds)?;
    kwargs.set_item(intern!(py, "microseconds"), f64::from(nanos) / 1.0e3)?;
    timedelta.call((), Some(&kwargs))
}

/// Whole seconds and microseconds of a `timedelta` (what uniffi writes).
fn _uniffi_delta_parts(delta: &Bound<'_, PyAny>) -> PyResult<(i64, u32)> {
    let py = delta.py();
    let days: i64 = delta.getattr(intern!(py, "days"))?.extract()?;
    let seconds: i64 = delta.getattr(intern!(py, "seconds"))?.extract()?;
    let micros: u32 = delta.getattr(intern!(py, "microseconds"))?.extract()?;
    Ok((days * 86_400 + seconds, micros))
}

impl FromPy for ::std::time::SystemTime {
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let epoch = _uniffi_epoch(obj.py())?;
        let overflow = || PyOverflowError::new_err("timestamp out of range");
        if obj.ge(epoch)? {
            let (seconds, micros) = _uniffi_delta_parts(&obj.sub(epoch)?)?;
            let after = ::std::time::Duration::new(seconds as u64, micros * 1000);
            ::std::time::UNIX_EPOCH.checked_add(after).ok_or_else(overflow)
        } else {
            let (seconds, micros) = _uniffi_delta_parts(&epoch.sub(obj)?)?;
            let before = ::std::time::Duration::new(seconds as u64, micros * 1000);
            ::std::time::UNIX_EPOCH.checked_sub(before).ok_or_else(overflow)
        }
    }
}

impl IntoPy for ::std::time::SystemTime {
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let epoch = _uniffi_epoch(py)?;
        match self.duration_since(::std::time::UNIX_EPOCH) {
            Ok(after) => epoch.add(_uniffi_timedelta(py, after.as_secs(), after.subsec_nanos())?),
            Err(before) => {
                let before = before.duration();
                epoch.sub(_uniffi_timedelta(py, before.as_secs(), before.subsec_nanos())?)
            }
        }
    }
}

impl FromPy for ::std::time::Duration {
    fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let (seconds, micros) = _uniffi_delta_parts(obj)?;
        if seconds < 0 {
            return Err(PyValueError::new_err("Invalid duration, must be non-negative"));
        }
        Ok(::std::time::Duration::new(seconds as u64, micros * 1000))
    }
}

impl IntoPy for ::std::time::Duration {
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        _uniffi_timedelta(py, self.as_secs(), self.subsec_nanos())
    }
}

impl IntoPy for () {
    #[inline]
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(py.None().into_bound(py))
    }
}

impl IntoPyErr for ffi::rt::Never {
    fn into_pyerr(self, _: Python<'_>) -> PyErr {
        match self {}
    }
}

impl FromPyErr for ffi::rt::Never {
    fn from_pyerr(_: &PyErr, _: Python<'_>) -> Option<PyResult<Self>> {
        None
    }
}

/// Objects thrown as errors: the object is the exception.
impl<T: IntoPy> IntoPyErr for ffi::rt::ErrorBuf<T> {
    fn into_pyerr(self, py: Python<'_>) -> PyErr {
        match self.0.into_py(py) {
            Ok(obj) => PyErr::from_value(obj),
            Err(err) => err,
        }
    }
}

impl<T: FromPy + 'static> FromPyErr for ffi::rt::ErrorBuf<T> {
    fn from_pyerr(err: &PyErr, py: Python<'_>) -> Option<PyResult<Self>> {
        T::from_py(err.value(py)).ok().map(|v| Ok(ffi::rt::ErrorBuf(v)))
    }
}

// ---- results: a call's outcome as Python sees it -----------------------------------------------

static _UNIFFI_INTERNAL_ERROR: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// A panic in Rust (or a value it could not convert) as the module's `InternalError`.
fn _uniffi_internal_error(py: Python<'_>, message: String) -> PyErr {
    match _UNIFFI_INTERNAL_ERROR.import(py, _UNIFFI_PKG, "InternalError").and_then(|cls| cls.call1((message,))) {
        Ok(exc) => PyErr::from_value(exc),
        Err(err) => err,
    }
}

fn _uniffi_call_error<E: IntoPyErr>(py: Python<'_>, err: ffi::rt::CallError<E>) -> PyErr {
    match err {
        ffi::rt::CallError::Error(e) => e.into_pyerr(py),
        ffi::rt::CallError::Unexpected(message) => _uniffi_internal_error(py, message),
        ffi::rt::CallError::Cancelled => _uniffi_internal_error(py, "the call was cancelled".to_string()),
    }
}

/// A call's result as the Python value (or exception) uniffi's bindings give.
#[inline]
fn _uniffi_return<'py, T: IntoPy, E: IntoPyErr>(
    py: Python<'py>,
    result: Result<T, ffi::rt::CallError<E>>,
) -> PyResult<Bound<'py, PyAny>> {
    match result {
        Ok(value) => value.into_py(py),
        Err(err) => Err(_uniffi_call_error(py, err)),
    }
}

/// The outcome of a direct call (`shared::reach`): the value, or the panic as uniffi's
/// scaffolding reports it (its message, else "Unknown panic!") and the client raises it.
#[inline]
fn _uniffi_direct<'py, T: IntoPy>(py: Python<'py>, outcome: ::std::thread::Result<T>) -> PyResult<Bound<'py, PyAny>> {
    match outcome {
        Ok(value) => value.into_py(py),
        Err(payload) => {
            let message = if let Some(s) = payload.downcast_ref::<&'static str>() {
                (*s).to_string()
            } else if let Some(s) = payload.downcast_ref::<String>() {
                s.clone()
            } else {
                "Unknown panic!".to_string()
            };
            Err(_uniffi_internal_error(py, message))
        }
    }
}

/// How a foreign method's Python exception is reported to Rust: a declared error, or the
/// exception's repr (as uniffi's `_uniffi_trait_interface_call` does).
fn _uniffi_callback_error<E: FromPyErr>(py: Python<'_>, err: PyErr) -> ffi::rt::CallbackError<E> {
    match E::from_pyerr(&err, py) {
        Some(Ok(e)) => ffi::rt::CallbackError::Error(e),
        Some(Err(conversion)) => ffi::rt::CallbackError::Unexpected(_uniffi_describe(py, &conversion)),
        None => ffi::rt::CallbackError::Unexpected(_uniffi_describe(py, &err)),
    }
}

fn _uniffi_callback_result<T: FromPy, E: FromPyErr>(
    py: Python<'_>,
    outcome: PyResult<Bound<'_, PyAny>>,
) -> Result<T, ffi::rt::CallbackError<E>> {
    match outcome {
        Ok(value) => T::from_py(&value).map_err(|err| ffi::rt::CallbackError::Unexpected(_uniffi_describe(py, &err))),
        Err(err) => Err(_uniffi_callback_error(py, err)),
    }
}

/// `repr(exception)`, as uniffi reports unexpected exceptions to Rust.
fn _uniffi_describe(py: Python<'_>, err: &PyErr) -> String {
    err.value(py).repr().map(|r| r.to_string()).unwrap_or_else(|_| err.to_string())
}

/// An instance of the exception class `cls` in the state its Python `__init__` (uniffi's error
/// classes) leaves it: `args` of `message` (none without one) and the field attributes. Made as
/// `BaseException.__new__` makes it, so raising a declared error runs no Python code.
fn _uniffi_exception<'py>(
    cls: Bound<'py, PyAny>,
    message: Option<String>,
    attrs: &[(&Bound<'py, PyString>, Bound<'py, PyAny>)],
) -> PyResult<Bound<'py, PyAny>> {
    let py = cls.py();
    let cls = cls.cast_into::<PyType>()?;
    let args = match message {
        // SAFETY: a new 1-tuple, its one slot filled (SET_ITEM steals the new string).
        Some(message) => unsafe {
            let tuple = Bound::from_owned_ptr_or_err(py, pyo3::ffi::PyTuple_New(1))?;
            pyo3::ffi::PyTuple_SET_ITEM(tuple.as_ptr(), 0, PyString::new(py, &message).into_ptr());
            tuple.cast_into_unchecked::<PyTuple>()
        },
        None => PyTuple::empty(py),
    };
    // SAFETY: `cls` is a type object; its `tp_new` takes the type, an args tuple and no kwargs.
    let exc = unsafe {
        let tp = cls.as_type_ptr();
        let Some(new) = (*tp).tp_new else {
            return Err(PyTypeError::new_err(format!("cannot create '{}' instances", cls.name()?)));
        };
        Bound::from_owned_ptr_or_err(py, new(tp, args.as_ptr(), ::std::ptr::null_mut()))?
    };
    for (name, value) in attrs {
        exc.setattr(*name, value)?;
    }
    Ok(exc)
}

/// `", ".join(...)` of the fields' reprs, each `name=` first when named: the message uniffi's
/// error classes give a variant with fields.
fn _uniffi_fields_message(fields: &[(&str, &Bound<'_, PyAny>)]) -> PyResult<String> {
    let mut message = String::new();
    for (i, (name, value)) in fields.iter().enumerate() {
        if i > 0 {
            message.push_str(", ");
        }
        if !name.is_empty() {
            message.push_str(name);
            message.push('=');
        }
        message.push_str(value.repr()?.to_str()?);
    }
    Ok(message)
}

/// `None` for a callback returning nothing.
impl FromPy for () {
    fn from_py(_: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(())
    }
}

/// Looks up a class or helper of the package once.
fn _uniffi_lookup<'py>(cell: &'static PyOnceLock<Py<PyAny>>, py: Python<'py>, name: &str) -> PyResult<&'py Bound<'py, PyAny>> {
    cell.get_or_try_init(py, || Ok::<_, PyErr>(py.import(_UNIFFI_PKG)?.getattr(name)?.unbind())).map(|v| v.bind(py))
}

/// Checks that `obj` is an instance of `cls`, raising uniffi's message otherwise.
fn _uniffi_check_instance(obj: &Bound<'_, PyAny>, cls: &Bound<'_, PyAny>, what: &str) -> PyResult<()> {
    if obj.is_instance(cls)? {
        Ok(())
    } else {
        Err(PyTypeError::new_err(format!("Expected {what} instance, {} found", _uniffi_type_name(obj))))
    }
}

// ---- async: Rust futures awaited from asyncio ------------------------------------------------

/// A Rust future whose result becomes a Python object.
trait _UniffiPoll: Send {
    fn poll(&mut self, cx: &mut ::std::task::Context<'_>) -> ::std::task::Poll<()>;
    fn take<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
}

struct _UniffiPending<F: ::std::future::Future> {
    future: ::std::pin::Pin<Box<F>>,
    output: Option<F::Output>,
}

impl<F, T, E> _UniffiPoll for _UniffiPending<F>
where
    F: ::std::future::Future<Output = Result<T, ffi::rt::CallError<E>>> + Send,
    T: IntoPy + Send,
    E: IntoPyErr + Send,
{
    fn poll(&mut self, cx: &mut ::std::task::Context<'_>) -> ::std::task::Poll<()> {
        if self.output.is_some() {
            return ::std::task::Poll::Ready(());
        }
        match self.future.as_mut().poll(cx) {
            ::std::task::Poll::Ready(out) => {
                self.output = Some(out);
                ::std::task::Poll::Ready(())
            }
            ::std::task::Poll::Pending => ::std::task::Poll::Pending,
        }
    }

    fn take<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self.output.take() {
            Some(out) => _uniffi_return(py, out),
            None => Err(PyRuntimeError::new_err("the async call has no result yet")),
        }
    }
}

/// An async call in progress; `_uniffi_await` in the package drives it on the running loop.
#[pyclass(frozen, name = "_UniffiFuture", module = "{{ m.py.name }}")]
struct _UniffiFuture(::std::sync::Mutex<Option<_UniffiPending_>>);

/// Async calls whose Rust future is still alive (`_uniffi_handle_counts`).
static _UNIFFI_PENDING: ::std::sync::atomic::AtomicUsize = ::std::sync::atomic::AtomicUsize::new(0);

/// A Rust future, counted while it lives.
struct _UniffiPending_(Box<dyn _UniffiPoll>);

impl _UniffiPending_ {
    fn new(pending: Box<dyn _UniffiPoll>) -> Self {
        _UNIFFI_PENDING.fetch_add(1, ::std::sync::atomic::Ordering::Relaxed);
        _UniffiPending_(pending)
    }
}

impl Drop for _UniffiPending_ {
    fn drop(&mut self) {
        _UNIFFI_PENDING.fetch_sub(1, ::std::sync::atomic::Ordering::Relaxed);
    }
}

static _UNIFFI_AWAIT: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// A reference to a Python object that Rust may drop on any thread: it is released with the
/// interpreter attached (a reference dropped without it would wait for the next call into
/// the extension, keeping the object alive until then).
struct _UniffiPyRef(Option<Py<PyAny>>);

impl _UniffiPyRef {
    fn new(obj: Py<PyAny>) -> Self {
        _UniffiPyRef(Some(obj))
    }

    fn bind<'py>(&self, py: Python<'py>) -> &Bound<'py, PyAny> {
        self.0.as_ref().expect("released only when dropped").bind(py)
    }
}

impl Drop for _UniffiPyRef {
    fn drop(&mut self) {
        if let Some(obj) = self.0.take() {
            // While the interpreter shuts down, the reference is left to PyO3's pool.
            let _ = Python::try_attach(move |_| drop(obj));
        }
    }
}

// Wake-ups never take the GIL and never poll: a waker may be called on any thread, under any
// lock of the component (the async book's `TimerFuture` wakes with its own mutex held, which
// its `poll` takes too), before or after `poll` returned, any number of times. So a waker only
// pushes its call's key onto the queue of the event loop that awaits the call and, when the
// queue was empty, writes one byte to a socket pair. The loop watches the other end
// (`loop.add_reader`, in the package's `_UniffiWakeups`); its reader callback takes the keys
// and resolves those calls' waiters, and the awaiting coroutines poll again on the loop's
// thread with the GIL released (`_poll`). The queue's own mutex is held only to push or take.

/// The wake-ups of one event loop: keys pushed by wakers on any thread, and the socket pair
/// whose read end the loop watches.
struct _UniffiWakeQueueInner {
    keys: ::std::sync::Mutex<Vec<u64>>,
    reader: ::std::os::unix::net::UnixStream,
    writer: ::std::os::unix::net::UnixStream,
}

impl _UniffiWakeQueueInner {
    fn push(&self, key: u64) {
        let first = {
            let mut keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
            keys.push(key);
            keys.len() == 1
        };
        if first {
            // Non-blocking: a full socket has a wake-up pending already. Both ends live as
            // long as `self`, so the write never meets a closed peer.
            let _ = ::std::io::Write::write(&mut &self.writer, &[1]);
        }
    }
}

/// One event loop's wake-up queue (made by the package's `_UniffiWakeups`).
#[pyclass(frozen, name = "_UniffiWakeQueue", module = "{{ m.py.name }}")]
struct _UniffiWakeQueue(::std::sync::Arc<_UniffiWakeQueueInner>);

#[pymethods]
impl _UniffiWakeQueue {
    #[new]
    fn new() -> PyResult<Self> {
        let (reader, writer) = ::std::os::unix::net::UnixStream::pair()?;
        reader.set_nonblocking(true)?;
        writer.set_nonblocking(true)?;
        Ok(_UniffiWakeQueue(::std::sync::Arc::new(_UniffiWakeQueueInner { keys: ::std::sync::Mutex::new(Vec::new()), reader, writer })))
    }

    /// The descriptor the event loop watches.
    fn fileno(&self) -> i64 {
        i64::from(::std::os::unix::io::AsRawFd::as_raw_fd(&self.0.reader))
    }

    /// The keys woken since the last call. Empties the socket first, then takes the keys: a
    /// key pushed after the take finds the queue empty and writes a new byte, so none is lost.
    fn _drain(&self) -> Vec<u64> {
        let mut buf = [0u8; 64];
        while matches!(::std::io::Read::read(&mut &self.0.reader, &mut buf), Ok(n) if n > 0) {}
        ::std::mem::take(&mut *self.0.keys.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Wakes one awaiting call: pushes its key onto its loop's queue, at most once per poll.
struct _UniffiWaker {
    queue: ::std::sync::Arc<_UniffiWakeQueueInner>,
    key: u64,
    woken: ::std::sync::atomic::AtomicBool,
}

impl ::std::task::Wake for _UniffiWaker {
    fn wake(self: ::std::sync::Arc<Self>) {
        self.wake_by_ref()
    }

    fn wake_by_ref(self: &::std::sync::Arc<Self>) {
        if !self.woken.swap(true, ::std::sync::atomic::Ordering::AcqRel) {
            self.queue.push(self.key);
        }
    }
}

#[pymethods]
impl _UniffiFuture {
    /// Polls once, with the GIL released; true when the result is ready. Until then `key` is
    /// pushed onto `queue` whenever the future should be polled again.
    fn _poll(&self, py: Python<'_>, queue: &Bound<'_, _UniffiWakeQueue>, key: u64) -> PyResult<bool> {
        let waker = ::std::task::Waker::from(::std::sync::Arc::new(_UniffiWaker {
            queue: ::std::sync::Arc::clone(&queue.get().0),
            key,
            woken: ::std::sync::atomic::AtomicBool::new(false),
        }));
        let polled = py.detach(|| {
            let mut guard = self.0.lock().unwrap_or_else(|e| e.into_inner());
            let pending = guard.as_mut()?;
            let mut cx = ::std::task::Context::from_waker(&waker);
            Some(pending.0.poll(&mut cx).is_ready())
        });
        polled.ok_or_else(|| PyRuntimeError::new_err("cannot reuse an already awaited call"))
    }

    fn _result<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let taken = py.detach(|| self.0.lock().unwrap_or_else(|e| e.into_inner()).take());
        let mut pending = taken.ok_or_else(|| PyRuntimeError::new_err("cannot reuse an already awaited call"))?;
        let result = pending.0.take(py);
        // The component's code (the future's drop) runs without the GIL too.
        py.detach(move || drop(pending));
        result
    }

    /// Drops the Rust future, with the GIL released; an unfinished call is cancelled.
    fn _cancel(&self, py: Python<'_>) {
        py.detach(|| {
            let pending = self.0.lock().unwrap_or_else(|e| e.into_inner()).take();
            drop(pending);
        });
    }
}

/// An async call's coroutine, as uniffi's `async def` returns one.
fn _uniffi_async<'py, F, T, E>(py: Python<'py>, future: F) -> PyResult<Bound<'py, PyAny>>
where
    F: ::std::future::Future<Output = Result<T, ffi::rt::CallError<E>>> + Send + 'static,
    T: IntoPy + Send + 'static,
    E: IntoPyErr + Send + 'static,
{
    let pending: Box<dyn _UniffiPoll> = Box::new(_UniffiPending { future: Box::pin(future), output: None });
    let future = Bound::new(py, _UniffiFuture(::std::sync::Mutex::new(Some(_UniffiPending_::new(pending)))))?;
    _uniffi_lookup(&_UNIFFI_AWAIT, py, "_uniffi_await")?.call1((future,))
}

/// Completes a foreign async method once its coroutine is done (called by the package's
/// `_uniffi_run_foreign` with the `concurrent.futures.Future` of the coroutine).
#[pyclass(frozen, name = "_UniffiForeignDone", module = "{{ m.py.name }}")]
struct _UniffiForeignDone(::std::sync::Mutex<Option<Box<dyn FnOnce(Python<'_>, PyResult<Bound<'_, PyAny>>) + Send>>>);

#[pymethods]
impl _UniffiForeignDone {
    fn __call__(&self, py: Python<'_>, done: &Bound<'_, PyAny>) {
        let complete = self.0.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(complete) = complete {
            complete(py, done.call_method0(intern!(py, "result")));
        }
    }
}

static _UNIFFI_RUN_FOREIGN: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Runs a coroutine of a foreign async method on the event loop; `complete` gets its outcome.
/// Rust dropping the call cancels the coroutine's task.
fn _uniffi_run_foreign<T: Send + 'static>(
    py: Python<'_>,
    coroutine: PyResult<Bound<'_, PyAny>>,
    done: ffi::rt::Completer<T>,
    complete: impl FnOnce(Python<'_>, PyResult<Bound<'_, PyAny>>, ffi::rt::Completer<T>) + Send + 'static,
) {
    let coroutine = match coroutine {
        Ok(c) => c,
        Err(err) => return complete(py, Err(err), done),
    };
    let done = ::std::sync::Arc::new(::std::sync::Mutex::new(Some(done)));
    let for_callback = ::std::sync::Arc::clone(&done);
    let callback = _UniffiForeignDone(::std::sync::Mutex::new(Some(Box::new(move |py: Python<'_>, outcome: PyResult<Bound<'_, PyAny>>| {
        if let Some(done) = for_callback.lock().unwrap_or_else(|e| e.into_inner()).take() {
            complete(py, outcome, done);
        }
    }))));
    let scheduled = Bound::new(py, callback).and_then(|callback| {
        _uniffi_lookup(&_UNIFFI_RUN_FOREIGN, py, "_uniffi_run_foreign")?.call1((coroutine, callback))
    });
    match scheduled {
        Ok(task) => {
            if let Some(done) = done.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
                let task = _UniffiPyRef::new(task.unbind());
                done.on_cancel(move || {
                    let _ = Python::try_attach(|py| {
                        let _ = task.bind(py).call_method0(intern!(py, "cancel"));
                    });
                });
            }
        }
        Err(err) => {
            if let Some(done) = done.lock().unwrap_or_else(|e| e.into_inner()).take() {
                done.fail((ffi::rt::RustCallStatusCode::UnexpectedError, ffi::rt::Lower::lower(_uniffi_describe(py, &err))));
            }
        }
    }
}

// ---- callables with uniffi's introspection -----------------------------------------------------
//
// uniffi's functions and methods are Python functions: `inspect.signature` shows parameter
// names, defaults and annotations, `typing.get_type_hints` resolves them. PyO3's builtins carry
// none of that, and a Python wrapper would cost a frame per call. So each builtin is wrapped in
// a tiny object that forwards calls through vectorcall (no tuple, no frame) and keeps the
// introspection data (`__name__`, `__doc__`, `__annotations__`, `__globals__`, a lazily built
// `__signature__`) in its `__dict__`. Methods use a second type that binds like a function
// (`Py_TPFLAGS_METHOD_DESCRIPTOR`, so `obj.m(...)` passes `obj` without a bound method).

#[repr(C)]
struct _UniffiCallableObject {
    ob_base: pyo3::ffi::PyObject,
    vectorcall: Option<pyo3::ffi::vectorcallfunc>,
    inner: *mut pyo3::ffi::PyObject,
    dict: *mut pyo3::ffi::PyObject,
    /// The C function behind `inner` (PyO3's `METH_FASTCALL | METH_KEYWORDS` wrapper), called
    /// directly: the wrapper costs no more than the builtin itself.
    meth: Option<pyo3::ffi::PyCFunctionFastWithKeywords>,
    /// Its `self`: the module of a function (borrowed: `inner` holds it).
    meth_self: *mut pyo3::ffi::PyObject,
    /// For a method, the class `self` must be an instance of.
    self_type: *mut pyo3::ffi::PyTypeObject,
}

/// CPython's `PyMethodDescrObject` (the same layout in every CPython 3.9 to 3.13).
#[repr(C)]
struct _UniffiMethodDescr {
    ob_base: pyo3::ffi::PyObject,
    d_type: *mut pyo3::ffi::PyTypeObject,
    d_name: *mut pyo3::ffi::PyObject,
    d_qualname: *mut pyo3::ffi::PyObject,
    d_method: *mut pyo3::ffi::PyMethodDef,
}

extern "C" {
    fn PyMethod_New(func: *mut pyo3::ffi::PyObject, obj: *mut pyo3::ffi::PyObject) -> *mut pyo3::ffi::PyObject;
}

unsafe extern "C" fn _uniffi_callable_vectorcall(
    callable: *mut pyo3::ffi::PyObject,
    args: *const *mut pyo3::ffi::PyObject,
    nargsf: usize,
    kwnames: *mut pyo3::ffi::PyObject,
) -> *mut pyo3::ffi::PyObject {
    // SAFETY: only instances of the callable types get this slot; `inner` is a live callable
    // and `meth` its own C function, called as CPython would call it.
    let this = &*callable.cast::<_UniffiCallableObject>();
    if let Some(meth) = this.meth {
        let nargs = pyo3::ffi::PyVectorcall_NARGS(nargsf);
        if this.self_type.is_null() {
            return meth(this.meth_self, args, nargs, kwnames);
        }
        if nargs >= 1 && pyo3::ffi::PyObject_TypeCheck(*args, this.self_type) != 0 {
            return meth(*args, args.add(1), nargs - 1, kwnames);
        }
    }
    // Anything else (a wrong `self`, say) takes the builtin's own path and its own error.
    pyo3::ffi::PyObject_Vectorcall(this.inner, args, nargsf, kwnames)
}

/// The fast-call C function of a PyO3 builtin function or method descriptor, its `self`,
/// and (for methods) the class of `self`.
unsafe fn _uniffi_fastcall_of(
    inner: *mut pyo3::ffi::PyObject,
) -> (Option<pyo3::ffi::PyCFunctionFastWithKeywords>, *mut pyo3::ffi::PyObject, *mut pyo3::ffi::PyTypeObject) {
    use pyo3::ffi;
    let fastcall = ffi::METH_FASTCALL | ffi::METH_KEYWORDS;
    if ffi::PyCFunction_CheckExact(inner) != 0 {
        let func = &*inner.cast::<ffi::PyCFunctionObject>();
        let def = &*func.m_ml;
        if def.ml_flags == fastcall {
            return (Some(def.ml_meth.PyCFunctionFastWithKeywords), func.m_self, ::std::ptr::null_mut());
        }
    } else if ffi::Py_TYPE(inner) == ::std::ptr::addr_of_mut!(ffi::PyMethodDescr_Type) {
        let descr = &*inner.cast::<_UniffiMethodDescr>();
        let def = &*descr.d_method;
        if def.ml_flags == fastcall {
            return (Some(def.ml_meth.PyCFunctionFastWithKeywords), ::std::ptr::null_mut(), descr.d_type);
        }
    }
    (None, ::std::ptr::null_mut(), ::std::ptr::null_mut())
}

unsafe extern "C" fn _uniffi_callable_dealloc(obj: *mut pyo3::ffi::PyObject) {
    let this = obj.cast::<_UniffiCallableObject>();
    pyo3::ffi::Py_XDECREF((*this).inner);
    pyo3::ffi::Py_XDECREF((*this).dict);
    let ty = pyo3::ffi::Py_TYPE(obj);
    let free = pyo3::ffi::PyType_GetSlot(ty, pyo3::ffi::Py_tp_free);
    if !free.is_null() {
        let free: pyo3::ffi::freefunc = ::std::mem::transmute(free);
        free(obj.cast());
    }
    pyo3::ffi::Py_DECREF(ty.cast());
}

/// Binds a method to its instance when it is looked up without being called.
unsafe extern "C" fn _uniffi_method_descr_get(
    descr: *mut pyo3::ffi::PyObject,
    obj: *mut pyo3::ffi::PyObject,
    _ty: *mut pyo3::ffi::PyObject,
) -> *mut pyo3::ffi::PyObject {
    if obj.is_null() || obj == pyo3::ffi::Py_None() {
        pyo3::ffi::Py_INCREF(descr);
        return descr;
    }
    PyMethod_New(descr, obj)
}

static _UNIFFI_SIGNATURE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// `__signature__`, built on demand by the package's `_uniffi_signature` (which imports
/// `inspect` only then).
unsafe extern "C" fn _uniffi_callable_signature(obj: *mut pyo3::ffi::PyObject, _: *mut ::std::ffi::c_void) -> *mut pyo3::ffi::PyObject {
    let py = Python::assume_attached();
    let result = _uniffi_lookup(&_UNIFFI_SIGNATURE, py, "_uniffi_signature")
        .and_then(|build| build.call1((Bound::from_borrowed_ptr(py, obj),)));
    match result {
        Ok(sig) => sig.into_ptr(),
        Err(err) => {
            err.restore(py);
            ::std::ptr::null_mut()
        }
    }
}

/// The two callable types: functions, and methods (which bind).
fn _uniffi_callable_type(py: Python<'_>, method: bool) -> PyResult<&Bound<'_, PyType>> {
    static FUNCTION: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static METHOD: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    let cell = if method { &METHOD } else { &FUNCTION };
    cell.get_or_try_init(py, || {
        use pyo3::ffi;
        let members = Box::leak(Box::new([
            ffi::PyMemberDef {
                name: c"__vectorcalloffset__".as_ptr(),
                type_code: ffi::Py_T_PYSSIZET,
                offset: ::std::mem::offset_of!(_UniffiCallableObject, vectorcall) as ffi::Py_ssize_t,
                flags: ffi::Py_READONLY,
                doc: ::std::ptr::null(),
            },
            ffi::PyMemberDef {
                name: c"__dictoffset__".as_ptr(),
                type_code: ffi::Py_T_PYSSIZET,
                offset: ::std::mem::offset_of!(_UniffiCallableObject, dict) as ffi::Py_ssize_t,
                flags: ffi::Py_READONLY,
                doc: ::std::ptr::null(),
            },
            ffi::PyMemberDef::default(),
        ]));
        let getset = Box::leak(Box::new([
            ffi::PyGetSetDef {
                name: c"__signature__".as_ptr(),
                get: Some(_uniffi_callable_signature),
                set: None,
                doc: ::std::ptr::null(),
                closure: ::std::ptr::null_mut(),
            },
            ffi::PyGetSetDef::default(),
        ]));
        let mut slots = vec![
            ffi::PyType_Slot { slot: ffi::Py_tp_dealloc, pfunc: _uniffi_callable_dealloc as *mut ::std::ffi::c_void },
            ffi::PyType_Slot { slot: ffi::Py_tp_call, pfunc: ffi::PyVectorcall_Call as *mut ::std::ffi::c_void },
            ffi::PyType_Slot { slot: ffi::Py_tp_members, pfunc: members.as_mut_ptr().cast() },
            ffi::PyType_Slot { slot: ffi::Py_tp_getset, pfunc: getset.as_mut_ptr().cast() },
        ];
        if method {
            slots.push(ffi::PyType_Slot { slot: ffi::Py_tp_descr_get, pfunc: _uniffi_method_descr_get as *mut ::std::ffi::c_void });
        }
        slots.push(ffi::PyType_Slot::default());
        let slots = Box::leak(slots.into_boxed_slice());
        let mut flags = ffi::Py_TPFLAGS_DEFAULT | ffi::Py_TPFLAGS_HAVE_VECTORCALL;
        if method {
            flags |= ffi::Py_TPFLAGS_METHOD_DESCRIPTOR;
        }
        let name: &'static ::std::ffi::CStr = if method { c"{{ m.py.name }}._native._UniffiMethod" } else { c"{{ m.py.name }}._native._UniffiFunction" };
        let spec = Box::leak(Box::new(ffi::PyType_Spec {
            name: name.as_ptr(),
            basicsize: ::std::mem::size_of::<_UniffiCallableObject>() as ::std::ffi::c_int,
            itemsize: 0,
            flags: flags as ::std::ffi::c_uint,
            slots: slots.as_mut_ptr(),
        }));
        // SAFETY: the spec and everything it points to are leaked, so live for the process.
        unsafe {
            let ty = ffi::PyType_FromSpec(spec);
            Ok::<_, PyErr>(Bound::from_owned_ptr_or_err(py, ty)?.cast_into::<PyType>()?.unbind())
        }
    })
    .map(|t| t.bind(py))
}

/// Wraps a builtin (function or method descriptor) with the introspection data in `attrs`.
#[pyfunction]
fn _uniffi_wrap<'py>(py: Python<'py>, inner: Bound<'py, PyAny>, attrs: Bound<'py, PyDict>, method: bool) -> PyResult<Bound<'py, PyAny>> {
    let ty = _uniffi_callable_type(py, method)?;
    // SAFETY: allocates an instance of our own type and fills its fields before anyone sees it.
    unsafe {
        let obj = pyo3::ffi::PyType_GenericAlloc(ty.as_ptr().cast(), 0);
        let obj = Bound::from_owned_ptr_or_err(py, obj)?;
        let this = obj.as_ptr().cast::<_UniffiCallableObject>();
        (*this).vectorcall = Some(_uniffi_callable_vectorcall);
        let (meth, meth_self, self_type) = _uniffi_fastcall_of(inner.as_ptr());
        (*this).meth = meth;
        (*this).meth_self = meth_self;
        (*this).self_type = self_type;
        (*this).inner = inner.into_ptr();
        (*this).dict = attrs.into_any().into_ptr();
        Ok(obj)
    }
}

// ---- objects: built in `__new__`, or in `__init__` for Python subclasses -----------------------

/// The Rust object a class instance holds: set by `__new__`, or, for an instance of a Python
/// subclass with an `__init__` of its own, by the base class's `__init__` that it calls.
struct _UniffiLazy<T>(::std::sync::OnceLock<T>);

impl<T> From<T> for _UniffiLazy<T> {
    fn from(value: T) -> Self {
        Self(::std::sync::OnceLock::from(value))
    }
}

impl<T> _UniffiLazy<T> {
    fn empty() -> Self {
        Self(::std::sync::OnceLock::new())
    }

    fn is_set(&self) -> bool {
        self.0.get().is_some()
    }

    fn set(&self, value: T) {
        // A concurrent `__init__` may have set it first: the first one wins.
        let _ = self.0.set(value);
    }

    #[inline(always)]
    fn get(&self) -> PyResult<&T> {
        match self.0.get() {
            Some(value) => Ok(value),
            None => Err(PyAttributeError::new_err("the object was never initialized: a subclass's __init__ must call super().__init__(...)")),
        }
    }
}

/// An argument as Python passed it, unconverted (`None` when absent).
struct _UniffiRaw<'py>(Option<Bound<'py, PyAny>>);

impl<'py> _UniffiRaw<'py> {
    fn given(obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        Ok(Self(Some(obj.clone())))
    }

    fn missing() -> Self {
        Self(None)
    }
}

/// Refuses extra positional arguments and unknown keywords, as Python refuses them.
fn _uniffi_check_call(what: &str, params: &[&str], rest: &Bound<'_, PyTuple>, kw: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
    if !rest.is_empty() {
        return Err(PyTypeError::new_err(format!(
            "{what} takes {} positional arguments but {} were given",
            params.len(),
            params.len() + rest.len()
        )));
    }
    if let Some(kw) = kw {
        if let Some((key, _)) = kw.iter().next() {
            return Err(PyTypeError::new_err(format!("{what} got an unexpected keyword argument {}", key.repr()?)));
        }
    }
    Ok(())
}

/// Whether Python subclass `cls` of `base` defines an `__init__` of its own (before `base` in
/// its method resolution order).
fn _uniffi_overrides_init(cls: &Bound<'_, PyType>, base: &Bound<'_, PyType>) -> PyResult<bool> {
    let py = cls.py();
    for klass in cls.getattr(intern!(py, "__mro__"))?.cast_into::<PyTuple>()?.iter() {
        if klass.is(base) {
            return Ok(false);
        }
        if klass.getattr(intern!(py, "__dict__"))?.contains(intern!(py, "__init__"))? {
            return Ok(true);
        }
    }
    Ok(false)
}

// ---- records of primitives, stored in the object ---------------------------------------------
//
// A record whose fields are all integers, floats or booleans keeps them as machine values in
// the object, one 8-byte slot each after the object header, as a C struct would. Its class is
// a type made here at import (`<package>.<Name>`), with one descriptor per field that boxes on
// read and checks on assignment (as uniffi's `check_lower` checks the value); the package's
// class body (`__init__`, `__eq__`, `__str__`, methods) is moved onto it by the decorator
// `_uniffi_stored_record`. Its instances are not tracked by the cycle collector (they hold no
// references). The glue builds such a record with one allocation and plain stores, and reads
// one with plain loads.

/// A stored field's machine type.
#[derive(Clone, Copy)]
enum _UniffiSlot {
    I8,
    U8,
    I16,
    U16,
    I32,
    U32,
    I64,
    U64,
    F32,
    F64,
    Bool,
}

struct _UniffiStoredField {
    name: &'static ::std::ffi::CStr,
    index: usize,
    slot: _UniffiSlot,
}

/// The offset of slot 0: right after the object header.
const _UNIFFI_SLOT_0: usize = ::std::mem::size_of::<pyo3::ffi::PyObject>();

/// Where field `index` of a stored record lives.
///
/// # Safety
/// `obj` is an instance of a stored record's base type with more than `index` fields.
#[inline(always)]
unsafe fn _uniffi_slot<T>(obj: *mut pyo3::ffi::PyObject, index: usize) -> *mut T {
    obj.cast::<u8>().add(_UNIFFI_SLOT_0 + 8 * index).cast::<T>()
}

unsafe extern "C" fn _uniffi_slot_get(obj: *mut pyo3::ffi::PyObject, closure: *mut ::std::ffi::c_void) -> *mut pyo3::ffi::PyObject {
    use pyo3::ffi;
    let f = &*closure.cast::<_UniffiStoredField>();
    let i = f.index;
    match f.slot {
        _UniffiSlot::I8 => ffi::PyLong_FromLong(::std::os::raw::c_long::from(*_uniffi_slot::<i8>(obj, i))),
        _UniffiSlot::U8 => ffi::PyLong_FromLong(::std::os::raw::c_long::from(*_uniffi_slot::<u8>(obj, i))),
        _UniffiSlot::I16 => ffi::PyLong_FromLong(::std::os::raw::c_long::from(*_uniffi_slot::<i16>(obj, i))),
        _UniffiSlot::U16 => ffi::PyLong_FromLong(::std::os::raw::c_long::from(*_uniffi_slot::<u16>(obj, i))),
        _UniffiSlot::I32 => ffi::PyLong_FromLongLong(i64::from(*_uniffi_slot::<i32>(obj, i))),
        _UniffiSlot::U32 => ffi::PyLong_FromLongLong(i64::from(*_uniffi_slot::<u32>(obj, i))),
        _UniffiSlot::I64 => ffi::PyLong_FromLongLong(*_uniffi_slot::<i64>(obj, i)),
        _UniffiSlot::U64 => ffi::PyLong_FromUnsignedLongLong(*_uniffi_slot::<u64>(obj, i)),
        _UniffiSlot::F32 => ffi::PyFloat_FromDouble(f64::from(*_uniffi_slot::<f32>(obj, i))),
        _UniffiSlot::F64 => ffi::PyFloat_FromDouble(*_uniffi_slot::<f64>(obj, i)),
        _UniffiSlot::Bool => ffi::PyBool_FromLong(::std::os::raw::c_long::from(*_uniffi_slot::<u8>(obj, i))),
    }
}

unsafe extern "C" fn _uniffi_slot_set(
    obj: *mut pyo3::ffi::PyObject,
    value: *mut pyo3::ffi::PyObject,
    closure: *mut ::std::ffi::c_void,
) -> ::std::os::raw::c_int {
    let py = Python::assume_attached();
    let f = &*closure.cast::<_UniffiStoredField>();
    if value.is_null() {
        PyAttributeError::new_err(format!("cannot delete the record field '{}'", f.name.to_string_lossy())).restore(py);
        return -1;
    }
    let v = Bound::from_borrowed_ptr(py, value);
    let i = f.index;
    let stored = match f.slot {
        _UniffiSlot::I8 => i8::from_py(&v).map(|x| *_uniffi_slot::<i8>(obj, i) = x),
        _UniffiSlot::U8 => u8::from_py(&v).map(|x| *_uniffi_slot::<u8>(obj, i) = x),
        _UniffiSlot::I16 => i16::from_py(&v).map(|x| *_uniffi_slot::<i16>(obj, i) = x),
        _UniffiSlot::U16 => u16::from_py(&v).map(|x| *_uniffi_slot::<u16>(obj, i) = x),
        _UniffiSlot::I32 => i32::from_py(&v).map(|x| *_uniffi_slot::<i32>(obj, i) = x),
        _UniffiSlot::U32 => u32::from_py(&v).map(|x| *_uniffi_slot::<u32>(obj, i) = x),
        _UniffiSlot::I64 => i64::from_py(&v).map(|x| *_uniffi_slot::<i64>(obj, i) = x),
        _UniffiSlot::U64 => u64::from_py(&v).map(|x| *_uniffi_slot::<u64>(obj, i) = x),
        _UniffiSlot::F32 => f32::from_py(&v).map(|x| *_uniffi_slot::<f32>(obj, i) = x),
        _UniffiSlot::F64 => f64::from_py(&v).map(|x| *_uniffi_slot::<f64>(obj, i) = x),
        _UniffiSlot::Bool => bool::from_py(&v).map(|x| *_uniffi_slot::<u8>(obj, i) = u8::from(x)),
    };
    match stored {
        Ok(()) => 0,
        Err(e) => {
            let note = format!("while setting the record field '{}'", f.name.to_string_lossy());
            let _ = e.value(py).call_method1(intern!(py, "add_note"), (note,));
            e.restore(py);
            -1
        }
    }
}

/// The base type is a heap type: its instances hold a reference to their type.
unsafe extern "C" fn _uniffi_stored_dealloc(obj: *mut pyo3::ffi::PyObject) {
    use pyo3::ffi;
    let tp = ffi::Py_TYPE(obj);
    if ffi::PyType_IS_GC(tp) != 0 {
        // A Python subclass (collectable, as every class statement makes it).
        ffi::PyObject_GC_Del(obj.cast());
    } else {
        ffi::PyObject_Free(obj.cast());
    }
    ffi::Py_DECREF(tp.cast());
}

/// A stored record: its fields, its base type (made at import) and its Python class (looked
/// up on first use and checked to derive from the base).
struct _UniffiStored {
    /// The type's qualified name (`<package>.<Name>`).
    base_name: &'static ::std::ffi::CStr,
    /// The Python class's name in the package.
    class_name: &'static str,
    fields: &'static [_UniffiStoredField],
    base: ::std::sync::OnceLock<usize>,
    class: PyOnceLock<Py<PyAny>>,
}

impl _UniffiStored {
    const fn new(base_name: &'static ::std::ffi::CStr, class_name: &'static str, fields: &'static [_UniffiStoredField]) -> Self {
        Self { base_name, class_name, fields, base: ::std::sync::OnceLock::new(), class: PyOnceLock::new() }
    }

    /// Makes the type (once per process) and adds it to the extension module as `name`.
    fn add_base(&'static self, module: &Bound<'_, PyModule>, name: &str) -> PyResult<()> {
        use pyo3::ffi;
        let py = module.py();
        if self.base.get().is_none() {
            let mut defs: Vec<ffi::PyGetSetDef> = self
                .fields
                .iter()
                .map(|f| ffi::PyGetSetDef {
                    name: f.name.as_ptr(),
                    get: Some(_uniffi_slot_get),
                    set: Some(_uniffi_slot_set),
                    doc: ::std::ptr::null(),
                    closure: (f as *const _UniffiStoredField).cast_mut().cast(),
                })
                .collect();
            defs.push(ffi::PyGetSetDef {
                name: ::std::ptr::null(),
                get: None,
                set: None,
                doc: ::std::ptr::null(),
                closure: ::std::ptr::null_mut(),
            });
            // The type keeps pointing at its descriptors' table for as long as the process lives.
            let defs: &'static mut [ffi::PyGetSetDef] = Box::leak(defs.into_boxed_slice());
            let mut slots = [
                ffi::PyType_Slot { slot: ffi::Py_tp_getset, pfunc: defs.as_mut_ptr().cast() },
                ffi::PyType_Slot { slot: ffi::Py_tp_new, pfunc: ffi::PyType_GenericNew as *mut ::std::ffi::c_void },
                ffi::PyType_Slot { slot: ffi::Py_tp_dealloc, pfunc: _uniffi_stored_dealloc as *mut ::std::ffi::c_void },
                ffi::PyType_Slot { slot: 0, pfunc: ::std::ptr::null_mut() },
            ];
            let mut spec = ffi::PyType_Spec {
                name: self.base_name.as_ptr(),
                basicsize: (_UNIFFI_SLOT_0 + 8 * self.fields.len()) as ::std::os::raw::c_int,
                itemsize: 0,
                flags: (ffi::Py_TPFLAGS_DEFAULT | ffi::Py_TPFLAGS_BASETYPE) as ::std::os::raw::c_uint,
                slots: slots.as_mut_ptr(),
            };
            // SAFETY: the spec is complete; the names and the descriptor table are 'static.
            let tp = unsafe { ffi::PyType_FromSpec(&mut spec) };
            if tp.is_null() {
                return Err(PyErr::fetch(py));
            }
            // The type stays alive for the process (this reference is never released).
            if self.base.set(tp as usize).is_err() {
                // SAFETY: `tp` is the new reference just made.
                unsafe { ffi::Py_DECREF(tp) };
            }
        }
        let tp = *self.base.get().expect("set above") as *mut ffi::PyObject;
        // SAFETY: a live type object, owned by `self.base` for the process.
        let base = unsafe { Bound::from_borrowed_ptr(py, tp) };
        module.add(name, base)
    }

    #[inline(always)]
    fn base_ptr(&self) -> *mut pyo3::ffi::PyTypeObject {
        self.base.get().map_or(::std::ptr::null_mut(), |p| *p as *mut pyo3::ffi::PyTypeObject)
    }

    /// The package's class, checked once to derive from the base type.
    #[inline]
    fn class<'py>(&'static self, py: Python<'py>) -> PyResult<&'py Bound<'py, PyAny>> {
        self.class
            .get_or_try_init(py, || {
                let cls = _uniffi_class(py, self.class_name)?.clone();
                let base = self.base_ptr();
                // SAFETY: `cls` is a live object; IsSubtype only reads the types.
                let derives = unsafe {
                    pyo3::ffi::PyType_Check(cls.as_ptr()) != 0
                        && !base.is_null()
                        && pyo3::ffi::PyType_IsSubtype(cls.as_ptr().cast(), base) != 0
                };
                if !derives {
                    return Err(PyRuntimeError::new_err(format!(
                        "{}.{} does not derive from the extension's {}: the package and its extension do not match",
                        _UNIFFI_PKG,
                        self.class_name,
                        self.base_name.to_string_lossy()
                    )));
                }
                Ok(cls.unbind())
            })
            .map(|c| c.bind(py))
    }

    /// A new instance of the package's class (a new reference), every field zero, for the
    /// caller to fill; NULL with the exception set if it could not be made.
    #[inline]
    fn alloc_ptr(&'static self, py: Python<'_>) -> *mut pyo3::ffi::PyObject {
        match self.class(py) {
            // SAFETY: the class is the base type itself (the package adopts it), which is not
            // collectable: its instances are plain memory of its basic size, initialized
            // (type, reference count) by PyObject_Init; the caller writes every field.
            Ok(cls) if cls.as_ptr().cast() == self.base_ptr() => unsafe {
                let size = _UNIFFI_SLOT_0 + 8 * self.fields.len();
                let obj = pyo3::ffi::PyObject_Malloc(size).cast::<pyo3::ffi::PyObject>();
                if obj.is_null() {
                    return pyo3::ffi::PyErr_NoMemory();
                }
                pyo3::ffi::PyObject_Init(obj, self.base_ptr())
            },
            // SAFETY: a type deriving from the base; GenericAlloc zeroes the fields.
            Ok(cls) => unsafe { pyo3::ffi::PyType_GenericAlloc(cls.as_ptr().cast(), 0) },
            Err(err) => {
                err.restore(py);
                ::std::ptr::null_mut()
            }
        }
    }

    /// Whether `obj`'s fields are stored (an instance of the record's class or a subclass).
    #[inline(always)]
    fn holds(&'static self, obj: &Bound<'_, PyAny>) -> bool {
        let base = self.base_ptr();
        // SAFETY: `obj` is live; its type pointer is valid.
        unsafe {
            let tp = pyo3::ffi::Py_TYPE(obj.as_ptr());
            !base.is_null() && (tp == base || pyo3::ffi::PyType_IsSubtype(tp, base) != 0)
        }
    }

    /// Moves a class body's attributes (methods, docstring) onto the type; the type is then the
    /// package's class.
    fn adopt<'py>(&'static self, body: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = body.py();
        let base = self.base_ptr();
        if base.is_null() {
            return Err(PyRuntimeError::new_err(format!("{}: the extension did not make the type of {}", _UNIFFI_PKG, self.class_name)));
        }
        // SAFETY: a live type object, owned for the process.
        let cls = unsafe { Bound::from_borrowed_ptr(py, base.cast()) };
        let attrs = body.getattr(intern!(py, "__dict__"))?;
        for item in attrs.call_method0(intern!(py, "items"))?.try_iter()? {
            let (name, value): (Bound<'py, PyString>, Bound<'py, PyAny>) = item?.extract()?;
            let skip = matches!(name.to_str()?, "__dict__" | "__weakref__" | "__module__" | "__qualname__");
            if !skip {
                cls.setattr(&name, value)?;
            }
        }
        Ok(cls)
    }
}

/// The class decorator of the package's stored records: the record's type, with the class
/// body's methods.
#[pyfunction]
fn _uniffi_stored_record<'py>(body: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = body.py();
    let name: String = body.getattr(intern!(py, "__name__"))?.extract()?;
    match _uniffi_stored_by_name(&name) {
        Some(stored) => stored.adopt(body),
        None => Err(PyRuntimeError::new_err(format!("{_UNIFFI_PKG}: {name} is not a record whose fields the extension stores"))),
    }
}
