
static _UNIFFI_RESOLVE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static _UNIFFI_AWAIT: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static _UNIFFI_EPOCH: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static _UNIFFI_INTERNAL_ERROR: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

// ---- calls into the implementation: a panic becomes InternalError ------------------------------

/// A Rust panic as the `InternalError` that uniffi's Python bindings raise for one, carrying the
/// panic message, instead of PyO3's `PanicException` (a `BaseException` that `except Exception`
/// does not catch).
fn _uniffi_panic_error(py: Python<'_>, payload: Box<dyn ::std::any::Any + Send>) -> PyErr {
    let message = match (payload.downcast_ref::<&str>(), payload.downcast_ref::<String>()) {
        (Some(s), _) => s.to_string(),
        (None, Some(s)) => s.clone(),
        (None, None) => "Unknown rust panic".to_string(),
    };
    match _UNIFFI_INTERNAL_ERROR.import(py, _UNIFFI_PKG, "InternalError").and_then(|cls| cls.call1((message,))) {
        Ok(exc) => PyErr::from_value(exc),
        Err(err) => err,
    }
}

/// Calls into the implementation with the GIL held.
#[allow(dead_code)]
fn _uniffi_call<T>(py: Python<'_>, f: impl FnOnce() -> T) -> PyResult<T> {
    ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(f)).map_err(|p| _uniffi_panic_error(py, p))
}

/// Calls into the implementation with the GIL released, so other Python threads run meanwhile.
#[allow(dead_code)]
fn _uniffi_call_detached<T: Send, F: FnOnce() -> T + Send>(py: Python<'_>, f: F) -> PyResult<T> {
    py.detach(move || ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(f)))
        .map_err(|p| _uniffi_panic_error(py, p))
}

// ---- conversions shared by every type ---------------------------------------------------------

#[allow(dead_code)]
fn _uniffi_check_instance(obj: &Bound<'_, PyAny>, cls: &Bound<'_, PyType>, name: &str) -> PyResult<()> {
    if obj.is_instance(cls)? {
        Ok(())
    } else {
        Err(PyTypeError::new_err(format!("expected {}.{name}, got {}", _UNIFFI_PKG, obj.get_type().name()?)))
    }
}

#[allow(dead_code)]
fn _uniffi_lift_opt<'py, T>(py: Python<'py>, v: Option<T>, f: impl FnOnce(Python<'py>, T) -> PyResult<Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
    match v {
        Some(v) => f(py, v),
        None => Ok(py.None().into_bound(py)),
    }
}

#[allow(dead_code)]
fn _uniffi_lift_vec<'py, T>(py: Python<'py>, v: Vec<T>, f: impl Fn(Python<'py>, T) -> PyResult<Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
    let list = PyList::empty(py);
    for item in v {
        list.append(f(py, item)?)?;
    }
    Ok(list.into_any())
}

#[allow(dead_code)]
fn _uniffi_lift_map<'py, K, V>(
    py: Python<'py>,
    v: ::std::collections::HashMap<K, V>,
    fk: impl Fn(Python<'py>, K) -> PyResult<Bound<'py, PyAny>>,
    fv: impl Fn(Python<'py>, V) -> PyResult<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let dict = PyDict::new(py);
    for (k, v) in v {
        dict.set_item(fk(py, k)?, fv(py, v)?)?;
    }
    Ok(dict.into_any())
}

#[allow(dead_code)]
fn _uniffi_lower_opt<'py, T>(obj: &Bound<'py, PyAny>, f: impl FnOnce(&Bound<'py, PyAny>) -> PyResult<T>) -> PyResult<Option<T>> {
    if obj.is_none() {
        Ok(None)
    } else {
        f(obj).map(Some)
    }
}

#[allow(dead_code)]
fn _uniffi_lower_vec<'py, T>(obj: &Bound<'py, PyAny>, f: impl Fn(&Bound<'py, PyAny>) -> PyResult<T>) -> PyResult<Vec<T>> {
    if obj.is_instance_of::<pyo3::types::PyString>() {
        return Err(PyTypeError::new_err("expected a sequence, got str"));
    }
    obj.try_iter()?.map(|item| f(&item?)).collect()
}

#[allow(dead_code)]
fn _uniffi_lower_map<'py, K: ::std::hash::Hash + Eq, V>(
    obj: &Bound<'py, PyAny>,
    fk: impl Fn(&Bound<'py, PyAny>) -> PyResult<K>,
    fv: impl Fn(&Bound<'py, PyAny>) -> PyResult<V>,
) -> PyResult<::std::collections::HashMap<K, V>> {
    let dict = obj.cast::<PyDict>()?;
    let mut map = ::std::collections::HashMap::with_capacity(dict.len());
    for (k, v) in dict.iter() {
        map.insert(fk(&k)?, fv(&v)?);
    }
    Ok(map)
}

/// `datetime(1970, 1, 1, tzinfo=timezone.utc)`: timestamps are aware UTC datetimes.
#[allow(dead_code)]
fn _uniffi_epoch(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    _UNIFFI_EPOCH
        .get_or_try_init(py, || {
            let datetime = py.import("datetime")?;
            let kwargs = PyDict::new(py);
            kwargs.set_item("tzinfo", datetime.getattr("timezone")?.getattr("utc")?)?;
            Ok::<_, PyErr>(datetime.getattr("datetime")?.call((1970, 1, 1), Some(&kwargs))?.unbind())
        })
        .map(|epoch| epoch.bind(py))
}

#[allow(dead_code)]
fn _uniffi_lift_timestamp(py: Python<'_>, t: ::std::time::SystemTime) -> PyResult<Bound<'_, PyAny>> {
    let epoch = _uniffi_epoch(py)?;
    match t.duration_since(::std::time::UNIX_EPOCH) {
        Ok(after) => epoch.add(after),
        Err(before) => epoch.sub(before.duration()),
    }
}

#[allow(dead_code)]
fn _uniffi_lower_timestamp(obj: &Bound<'_, PyAny>) -> PyResult<::std::time::SystemTime> {
    let delta = obj.sub(_uniffi_epoch(obj.py())?)?;
    let overflow = || pyo3::exceptions::PyOverflowError::new_err("timestamp out of range");
    if delta.lt(::std::time::Duration::ZERO)? {
        let before: ::std::time::Duration = delta.neg()?.extract()?;
        ::std::time::UNIX_EPOCH.checked_sub(before).ok_or_else(overflow)
    } else {
        let after: ::std::time::Duration = delta.extract()?;
        ::std::time::UNIX_EPOCH.checked_add(after).ok_or_else(overflow)
    }
}

/// How a Python exception is reported to Rust when it is not a declared error: its repr.
#[allow(dead_code)]
fn _uniffi_describe(py: Python<'_>, err: &PyErr) -> String {
    err.value(py).repr().map(|r| r.to_string()).unwrap_or_else(|_| err.to_string())
}

// ---- async: a Rust future, driven on its own thread, completing an asyncio future ----------------

#[allow(dead_code)]
struct _UniffiTask {
    cancelled: ::std::sync::atomic::AtomicBool,
    thread: ::std::sync::Mutex<Option<::std::thread::Thread>>,
}

impl _UniffiTask {
    fn cancel(&self) {
        self.cancelled.store(true, ::std::sync::atomic::Ordering::SeqCst);
        if let Some(thread) = self.thread.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            thread.unpark();
        }
    }
}

/// Called by asyncio when the future is done; a cancelled await drops the Rust future.
#[pyclass(frozen)]
struct _UniffiCancelOnDone(::std::sync::Arc<_UniffiTask>);

#[pymethods]
impl _UniffiCancelOnDone {
    fn __call__(&self, future: &Bound<'_, PyAny>) -> PyResult<()> {
        if future.call_method0(intern!(future.py(), "cancelled"))?.is_truthy()? {
            self.0.cancel();
        }
        Ok(())
    }
}

/// Set by an async worker thread once it no longer touches Python.
#[derive(Default)]
struct _UniffiDone {
    done: ::std::sync::Mutex<bool>,
    cond: ::std::sync::Condvar,
}

impl _UniffiDone {
    fn set(&self) {
        *self.done.lock().unwrap_or_else(|e| e.into_inner()) = true;
        self.cond.notify_all();
    }
}

#[pyclass(frozen)]
struct _UniffiWorkerExit(::std::sync::Arc<_UniffiDone>);

#[pymethods]
impl _UniffiWorkerExit {
    /// Waits, without the GIL, until the worker thread has let go of Python.
    fn wait(&self, py: Python<'_>) {
        let state = &self.0;
        py.detach(|| {
            let mut done = state.done.lock().unwrap_or_else(|e| e.into_inner());
            while !*done {
                done = state.cond.wait(done).unwrap_or_else(|e| e.into_inner());
            }
        });
    }
}

struct _UniffiThreadWaker(::std::thread::Thread);

impl ::std::task::Wake for _UniffiThreadWaker {
    fn wake(self: ::std::sync::Arc<Self>) {
        self.0.unpark();
    }
}

/// Polls `fut` on this thread until it completes (`Some`) or the await is cancelled (`None`).
#[allow(dead_code)]
fn _uniffi_block_on<F: ::std::future::Future>(fut: F, task: &_UniffiTask) -> Option<F::Output> {
    use ::std::sync::atomic::Ordering;
    *task.thread.lock().unwrap_or_else(|e| e.into_inner()) = Some(::std::thread::current());
    let waker = ::std::task::Waker::from(::std::sync::Arc::new(_UniffiThreadWaker(::std::thread::current())));
    let mut cx = ::std::task::Context::from_waker(&waker);
    let mut fut = ::std::pin::pin!(fut);
    loop {
        if task.cancelled.load(Ordering::SeqCst) {
            return None;
        }
        if let ::std::task::Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return Some(out);
        }
        ::std::thread::park();
    }
}

type _UniffiStart = Box<dyn for<'py> FnOnce(Python<'py>) -> PyResult<Bound<'py, PyAny>> + Send>;

/// What `await` runs: starts the call on the running loop and waits for its future.
#[pyclass(frozen)]
struct _UniffiAwaitable(::std::sync::Mutex<Option<_UniffiStart>>);

#[pymethods]
impl _UniffiAwaitable {
    fn __await__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let start = self.0.lock().unwrap_or_else(|e| e.into_inner()).take();
        let start = start.ok_or_else(|| PyRuntimeError::new_err("cannot reuse an already awaited call"))?;
        start(py)?.call_method0(intern!(py, "__await__"))
    }
}

/// Returns a coroutine for `fut`, as uniffi's `async def` does. Once awaited, the future
/// runs on a thread of its own and `finish` turns its output into the Python result (or
/// exception) with the GIL held; cancelling the await drops the future.
#[allow(dead_code)]
fn _uniffi_spawn_async<'py, F, Fin>(py: Python<'py>, fut: F, finish: Fin) -> PyResult<Bound<'py, PyAny>>
where
    F: ::std::future::Future + Send + 'static,
    F::Output: Send + 'static,
    Fin: for<'a> FnOnce(Python<'a>, F::Output) -> PyResult<Py<PyAny>> + Send + 'static,
{
    let start: _UniffiStart = Box::new(move |py| _uniffi_start_async(py, fut, finish));
    let awaitable = Bound::new(py, _UniffiAwaitable(::std::sync::Mutex::new(Some(start))))?;
    _UNIFFI_AWAIT.import(py, _UNIFFI_PKG, "_uniffi_native_await")?.call1((awaitable,))
}

fn _uniffi_start_async<'py, F, Fin>(py: Python<'py>, fut: F, finish: Fin) -> PyResult<Bound<'py, PyAny>>
where
    F: ::std::future::Future + Send + 'static,
    F::Output: Send + 'static,
    Fin: for<'a> FnOnce(Python<'a>, F::Output) -> PyResult<Py<PyAny>> + Send + 'static,
{
    let event_loop = py.import(intern!(py, "asyncio"))?.call_method0(intern!(py, "get_running_loop"))?;
    let future = event_loop.call_method0(intern!(py, "create_future"))?;
    let task = ::std::sync::Arc::new(_UniffiTask {
        cancelled: ::std::sync::atomic::AtomicBool::new(false),
        thread: ::std::sync::Mutex::new(None),
    });
    future.call_method1(intern!(py, "add_done_callback"), (Bound::new(py, _UniffiCancelOnDone(::std::sync::Arc::clone(&task)))?,))?;
    let resolve = _UNIFFI_RESOLVE.import(py, _UNIFFI_PKG, "_uniffi_native_resolve")?.clone().unbind();
    let done = ::std::sync::Arc::new(_UniffiDone::default());
    let done_py = Py::new(py, _UniffiWorkerExit(::std::sync::Arc::clone(&done)))?;
    let (event_loop, py_future) = (event_loop.unbind(), future.clone().unbind());
    ::std::thread::Builder::new()
        .name("uniffi-native-async".into())
        .spawn(move || {
            // A panic while polling is delivered as InternalError, like any other outcome.
            let out = match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| _uniffi_block_on(fut, &task))) {
                Ok(Some(out)) => Ok(out),
                // Cancelled: the Python objects are released without taking the GIL here.
                Ok(None) => return,
                Err(payload) => Err(payload),
            };
            Python::attach(move |py| {
                let result = match out {
                    Ok(out) => finish(py, out),
                    Err(payload) => Err(_uniffi_panic_error(py, payload)),
                };
                let (ok, value) = match result {
                    Ok(value) => (true, value),
                    Err(err) => (false, err.into_value(py).into_any()),
                };
                // A closed loop has nobody to deliver to; the objects are dropped here.
                let _ = event_loop
                    .bind(py)
                    .call_method1(intern!(py, "call_soon_threadsafe"), (resolve, py_future, ok, value, done_py));
            });
            // Only now, with the GIL released for good, may the awaiting side go on (and the
            // interpreter shut down): `_uniffi_native_resolve` waits for this.
            done.set();
        })
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start a thread for an async call: {e}")))?;
    Ok(future)
}
