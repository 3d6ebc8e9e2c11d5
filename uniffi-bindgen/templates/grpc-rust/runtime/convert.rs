//! Conversions between the messages prost generates and the types of a component's Rust
//! client, composed per type: the generated crate implements [`FromPb`] and [`ToPb`] once for
//! each record, enum, object, custom type and wrapper message, and the impls here (builtins,
//! optionals, sequences, boxes, timestamps, durations) make every nesting of them work.
//!
//! `C` is the context a conversion may need: the generated crate's handle tables.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tonic::Status;

/// A client value from its protobuf form; INVALID_ARGUMENT (or NOT_FOUND for a handle) when the
/// message holds something the interface cannot.
pub trait FromPb<P, C: ?Sized>: Sized {
    fn from_pb(p: P, cx: &C) -> Result<Self, Status>;
}

/// A client value into its protobuf form (objects become handles, which may fail when the
/// handle table is full).
pub trait ToPb<P, C: ?Sized>: Sized {
    fn to_pb(self, cx: &C) -> Result<P, Status>;
}

/// `status` for the field `what` (`Message.field`): its message says where.
pub fn within(status: Status, what: &str) -> Status {
    Status::new(status.code(), format!("{what}: {}", status.message()))
}

/// INVALID_ARGUMENT for a message field that was not sent.
pub fn missing(what: &str) -> Status {
    Status::invalid_argument(format!("{what} is required"))
}

/// A field's value.
#[inline]
pub fn from_field<T: FromPb<P, C>, P, C: ?Sized>(p: P, cx: &C, what: &str) -> Result<T, Status> {
    T::from_pb(p, cx).map_err(|s| within(s, what))
}

/// A singular message field's value, which must be present.
#[inline]
pub fn from_required<T: FromPb<P, C>, P, C: ?Sized>(p: Option<P>, cx: &C, what: &str) -> Result<T, Status> {
    match p {
        Some(p) => from_field(p, cx, what),
        None => Err(missing(what)),
    }
}

/// A field's protobuf form.
#[inline]
pub fn to_field<T: ToPb<P, C>, P, C: ?Sized>(v: T, cx: &C) -> Result<P, Status> {
    v.to_pb(cx)
}

macro_rules! identity {
    ($($t:ty),*) => {$(
        impl<C: ?Sized> FromPb<$t, C> for $t {
            #[inline]
            fn from_pb(p: $t, _: &C) -> Result<Self, Status> {
                Ok(p)
            }
        }
        impl<C: ?Sized> ToPb<$t, C> for $t {
            #[inline]
            fn to_pb(self, _: &C) -> Result<$t, Status> {
                Ok(self)
            }
        }
    )*};
}
identity!(u32, i32, u64, i64, f32, f64, bool, String);

macro_rules! narrow {
    ($($t:ty => $wire:ty),*) => {$(
        impl<C: ?Sized> FromPb<$wire, C> for $t {
            #[inline]
            fn from_pb(p: $wire, _: &C) -> Result<Self, Status> {
                <$t>::try_from(p).map_err(|_| {
                    Status::invalid_argument(format!("{p} is out of range for {}", stringify!($t)))
                })
            }
        }
        impl<C: ?Sized> ToPb<$wire, C> for $t {
            #[inline]
            fn to_pb(self, _: &C) -> Result<$wire, Status> {
                Ok(<$wire>::from(self))
            }
        }
    )*};
}
narrow!(u8 => u32, u16 => u32, i8 => i32, i16 => i32);

// A float field has explicit presence (`optional double`), so that `-0.0` is sent: prost
// leaves a proto3 scalar equal to `0.0` off the wire. Unset reads as proto3's default, `0.0`.
macro_rules! present {
    ($($t:ty),*) => {$(
        impl<C: ?Sized> FromPb<Option<$t>, C> for $t {
            #[inline]
            fn from_pb(p: Option<$t>, _: &C) -> Result<Self, Status> {
                Ok(p.unwrap_or_default())
            }
        }
        impl<C: ?Sized> ToPb<Option<$t>, C> for $t {
            #[inline]
            fn to_pb(self, _: &C) -> Result<Option<$t>, Status> {
                Ok(Some(self))
            }
        }
    )*};
}
present!(f32, f64);

impl<T: FromPb<P, C>, P, C: ?Sized> FromPb<Option<P>, C> for Option<T> {
    fn from_pb(p: Option<P>, cx: &C) -> Result<Self, Status> {
        p.map(|p| T::from_pb(p, cx)).transpose()
    }
}

impl<T: ToPb<P, C>, P, C: ?Sized> ToPb<Option<P>, C> for Option<T> {
    fn to_pb(self, cx: &C) -> Result<Option<P>, Status> {
        self.map(|v| v.to_pb(cx)).transpose()
    }
}

impl<T: FromPb<P, C>, P, C: ?Sized> FromPb<Vec<P>, C> for Vec<T> {
    fn from_pb(p: Vec<P>, cx: &C) -> Result<Self, Status> {
        p.into_iter().enumerate().map(|(i, p)| T::from_pb(p, cx).map_err(|s| within(s, &format!("[{i}]")))).collect()
    }
}

impl<T: ToPb<P, C>, P, C: ?Sized> ToPb<Vec<P>, C> for Vec<T> {
    fn to_pb(self, cx: &C) -> Result<Vec<P>, Status> {
        self.into_iter().map(|v| v.to_pb(cx)).collect()
    }
}

/// `Box<T>` in the interface (a recursive type) changes nothing on the wire.
impl<T: FromPb<P, C>, P, C: ?Sized> FromPb<P, C> for Box<T> {
    fn from_pb(p: P, cx: &C) -> Result<Self, Status> {
        T::from_pb(p, cx).map(Box::new)
    }
}

impl<T: ToPb<P, C>, P, C: ?Sized> ToPb<P, C> for Box<T> {
    fn to_pb(self, cx: &C) -> Result<P, Status> {
        (*self).to_pb(cx)
    }
}

impl<C: ?Sized> FromPb<prost_types::Timestamp, C> for SystemTime {
    fn from_pb(ts: prost_types::Timestamp, _: &C) -> Result<Self, Status> {
        if !(0..1_000_000_000).contains(&ts.nanos) {
            return Err(Status::invalid_argument(format!("nanos {} is not in 0..1e9", ts.nanos)));
        }
        let nanos = Duration::from_nanos(ts.nanos as u64);
        let time = if ts.seconds >= 0 {
            UNIX_EPOCH.checked_add(Duration::from_secs(ts.seconds as u64)).and_then(|t| t.checked_add(nanos))
        } else {
            UNIX_EPOCH.checked_sub(Duration::from_secs(ts.seconds.unsigned_abs())).and_then(|t| t.checked_add(nanos))
        };
        time.ok_or_else(|| Status::invalid_argument("timestamp out of range"))
    }
}

impl<C: ?Sized> ToPb<prost_types::Timestamp, C> for SystemTime {
    fn to_pb(self, _: &C) -> Result<prost_types::Timestamp, Status> {
        Ok(match self.duration_since(UNIX_EPOCH) {
            Ok(d) => prost_types::Timestamp { seconds: d.as_secs() as i64, nanos: d.subsec_nanos() as i32 },
            Err(e) => {
                let d = e.duration();
                let (mut seconds, mut nanos) = (-(d.as_secs() as i64), -(d.subsec_nanos() as i32));
                if nanos < 0 {
                    seconds -= 1;
                    nanos += 1_000_000_000;
                }
                prost_types::Timestamp { seconds, nanos }
            }
        })
    }
}

impl<C: ?Sized> FromPb<prost_types::Duration, C> for Duration {
    fn from_pb(d: prost_types::Duration, _: &C) -> Result<Self, Status> {
        if d.seconds < 0 || d.nanos < 0 || d.nanos >= 1_000_000_000 {
            return Err(Status::invalid_argument("a duration must not be negative"));
        }
        Ok(Duration::new(d.seconds as u64, d.nanos as u32))
    }
}

impl<C: ?Sized> ToPb<prost_types::Duration, C> for Duration {
    fn to_pb(self, _: &C) -> Result<prost_types::Duration, Status> {
        Ok(prost_types::Duration { seconds: self.as_secs().min(i64::MAX as u64) as i64, nanos: self.subsec_nanos() as i32 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tonic::Code;

    fn from<T: FromPb<P, ()>, P>(p: P) -> Result<T, Status> {
        from_field(p, &(), "M.f")
    }

    #[test]
    fn well_known_types_round_trip_and_refuse_bad_values() {
        for t in [UNIX_EPOCH, UNIX_EPOCH + Duration::new(5, 7), UNIX_EPOCH - Duration::new(5, 7)] {
            let pb: prost_types::Timestamp = to_field(t, &()).unwrap();
            assert_eq!(from::<SystemTime, _>(pb).unwrap(), t);
        }
        let bad = from::<SystemTime, _>(prost_types::Timestamp { seconds: 0, nanos: -1 }).unwrap_err();
        assert_eq!(bad.code(), Code::InvalidArgument);
        assert!(bad.message().starts_with("M.f: nanos -1"), "{}", bad.message());
        let d = Duration::new(3, 500);
        let pb: prost_types::Duration = to_field(d, &()).unwrap();
        assert_eq!(from::<Duration, _>(pb).unwrap(), d);
        let neg = from::<Duration, _>(prost_types::Duration { seconds: -1, nanos: 0 }).unwrap_err();
        assert_eq!(neg.code(), Code::InvalidArgument);
    }

    #[test]
    fn narrow_integers_are_range_checked_with_the_field_and_index() {
        assert_eq!(from::<u8, u32>(200).unwrap(), 200);
        assert_eq!(from::<i16, i32>(-32768).unwrap(), -32768);
        let e = from::<Vec<Option<u8>>, Vec<Option<u32>>>(vec![Some(1), None, Some(300)]).unwrap_err();
        assert_eq!(e.code(), Code::InvalidArgument);
        assert_eq!(e.message(), "M.f: [2]: 300 is out of range for u8");
        assert_eq!(from::<i8, i32>(-129).unwrap_err().code(), Code::InvalidArgument);
        let missing = from_required::<u8, u32, ()>(None, &(), "M.g").unwrap_err();
        assert_eq!(missing.message(), "M.g is required");
    }
}
