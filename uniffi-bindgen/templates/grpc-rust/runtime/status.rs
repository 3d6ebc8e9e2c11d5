//! Error statuses with typed details: the component's errors travel as a `google.rpc.Status`
//! in `grpc-status-details-bin` (the standard rich-error payload), holding the error's message
//! packed in an `Any`; a panic in the component is INTERNAL with a `google.rpc.ErrorInfo`
//! whose reason is `RUST_PANIC`.

use tonic::{Code, Status};

/// `google.rpc.Status`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct RpcStatus {
    #[prost(int32, tag = "1")]
    pub code: i32,
    #[prost(string, tag = "2")]
    pub message: String,
    #[prost(message, repeated, tag = "3")]
    pub details: Vec<prost_types::Any>,
}

/// `google.rpc.ErrorInfo`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ErrorInfo {
    #[prost(string, tag = "1")]
    pub reason: String,
    #[prost(string, tag = "2")]
    pub domain: String,
    #[prost(map = "string, string", tag = "3")]
    pub metadata: std::collections::HashMap<String, String>,
}

/// The `ErrorInfo` reason of a panic in the component.
pub const PANIC_REASON: &str = "RUST_PANIC";

/// The longest status message sent, in bytes: it travels in a header (`grpc-message`), and
/// the typed detail carries the error's fields in full.
pub const MAX_MESSAGE_BYTES: usize = 1024;

/// A status whose details are a `google.rpc.Status` holding `detail` (its fully qualified
/// protobuf name is `type_name`) packed in an `Any`.
pub fn with_detail<M: prost::Message>(code: Code, message: String, type_name: &str, detail: &M) -> Status {
    with_any(code, message, format!("type.googleapis.com/{type_name}"), detail.encode_to_vec())
}

/// `message`, cut to at most [`MAX_MESSAGE_BYTES`] (at a character boundary) and saying so.
pub fn bounded(message: String) -> String {
    if message.len() <= MAX_MESSAGE_BYTES {
        return message;
    }
    let mut end = MAX_MESSAGE_BYTES;
    while !message.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes in all)", &message[..end], message.len())
}

fn with_any(code: Code, message: String, type_url: String, value: Vec<u8>) -> Status {
    let message = bounded(message);
    let rpc = RpcStatus { code: code as i32, message: message.clone(), details: vec![prost_types::Any { type_url, value }] };
    Status::with_details(code, message, prost::Message::encode_to_vec(&rpc).into())
}

/// INTERNAL for a panic (or a value the component returned that its interface cannot hold):
/// the message, and an `ErrorInfo` with reason `RUST_PANIC` in the service's `domain`.
pub fn panic(message: String, domain: &str) -> Status {
    let info = ErrorInfo { reason: PANIC_REASON.into(), domain: domain.into(), metadata: Default::default() };
    with_any(Code::Internal, message, "type.googleapis.com/google.rpc.ErrorInfo".into(), prost::Message::encode_to_vec(&info))
}

/// CANCELLED for an async call the component cancelled.
pub fn cancelled() -> Status {
    Status::cancelled("the component cancelled the call")
}

#[cfg(test)]
mod tests {
    use super::*;
    use prost::Message;

    #[test]
    fn details_are_a_google_rpc_status_with_the_typed_detail() {
        let detail = ErrorInfo { reason: "R".into(), domain: "d".into(), metadata: Default::default() };
        let status = with_detail(Code::NotFound, "gone".into(), "pkg.Thing", &detail);
        assert_eq!((status.code(), status.message()), (Code::NotFound, "gone"));
        let rpc = RpcStatus::decode(status.details()).unwrap();
        assert_eq!((rpc.code, rpc.message.as_str()), (Code::NotFound as i32, "gone"));
        assert_eq!(rpc.details[0].type_url, "type.googleapis.com/pkg.Thing");
        assert_eq!(ErrorInfo::decode(rpc.details[0].value.as_slice()).unwrap(), detail);
    }

    #[test]
    fn long_messages_are_cut_at_a_character_boundary() {
        assert_eq!(bounded("short".into()), "short");
        let long = "é".repeat(1000);
        let cut = bounded(long);
        assert!(cut.len() < MAX_MESSAGE_BYTES + 40, "{}", cut.len());
        assert!(cut.ends_with("… (2000 bytes in all)"), "{cut}");
        let status = with_detail(Code::InvalidArgument, "x".repeat(5000), "pkg.E", &ErrorInfo::default());
        assert!(status.message().len() < MAX_MESSAGE_BYTES + 40);
    }

    #[test]
    fn a_panic_is_internal_with_error_info() {
        let status = panic("boom".into(), "greet.v1.Greet");
        assert_eq!((status.code(), status.message()), (Code::Internal, "boom"));
        let rpc = RpcStatus::decode(status.details()).unwrap();
        assert_eq!(rpc.details[0].type_url, "type.googleapis.com/google.rpc.ErrorInfo");
        let info = ErrorInfo::decode(rpc.details[0].value.as_slice()).unwrap();
        assert_eq!((info.reason.as_str(), info.domain.as_str()), (PANIC_REASON, "greet.v1.Greet"));
    }
}
