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

/// The `ErrorInfo` reason of a reply over the size limit: the call ran, its reply was not sent.
pub const REPLY_TOO_LARGE_REASON: &str = "REPLY_TOO_LARGE";

/// OUT_OF_RANGE for a call that ran but whose reply (`len` bytes encoded) is over the limit
/// (`max`): the message says the effects stand, and an `ErrorInfo` (reason
/// `REPLY_TOO_LARGE`, metadata `rpc`, `reply_bytes`, `max_bytes`) lets clients tell it from a
/// request that was refused before it ran.
pub fn reply_too_large(rpc: &str, len: usize, max: usize, domain: &str) -> Status {
    let metadata = [("rpc", rpc.to_string()), ("reply_bytes", len.to_string()), ("max_bytes", max.to_string())]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    let info = ErrorInfo { reason: REPLY_TOO_LARGE_REASON.into(), domain: domain.into(), metadata };
    with_any(
        Code::OutOfRange,
        format!("{rpc} ran, but its reply ({len} bytes) is over the server's limit of {max} bytes (--max-message-bytes), so it was not sent; the call's effects stand: do not retry it as if it had not run"),
        "type.googleapis.com/google.rpc.ErrorInfo".into(),
        prost::Message::encode_to_vec(&info),
    )
}

/// The reply, or [`reply_too_large`] when its encoding is over `max` bytes (checked here, so
/// the caller learns that the call ran, rather than from the transport's generic refusal).
pub fn reply<M: prost::Message>(reply: M, max: usize, rpc: &str, domain: &str) -> Result<tonic::Response<M>, Status> {
    let len = reply.encoded_len();
    if len > max {
        return Err(reply_too_large(rpc, len, max, domain));
    }
    Ok(tonic::Response::new(reply))
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
    fn a_reply_over_the_limit_says_the_call_ran() {
        let small = ErrorInfo { reason: "r".into(), ..Default::default() };
        assert!(reply(small.clone(), 100, "Greet", "d").is_ok());
        let big = ErrorInfo { reason: "r".repeat(200), ..Default::default() };
        let status = reply(big, 100, "Greet", "greet.v1.Greet").unwrap_err();
        assert_eq!(status.code(), Code::OutOfRange);
        assert!(status.message().starts_with("Greet ran, but its reply (203 bytes) is over the server's limit of 100 bytes"), "{}", status.message());
        let rpc = RpcStatus::decode(status.details()).unwrap();
        let info = ErrorInfo::decode(rpc.details[0].value.as_slice()).unwrap();
        assert_eq!((info.reason.as_str(), info.domain.as_str()), (REPLY_TOO_LARGE_REASON, "greet.v1.Greet"));
        assert_eq!(info.metadata["reply_bytes"], "203");
        assert_eq!(info.metadata["max_bytes"], "100");
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
