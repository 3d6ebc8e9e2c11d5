//! The generated server binary (`generated/grpc-rust`, `greet-grpc-server`) on ephemeral
//! loopback ports, driven by a tonic client built from the generated proto: every rpc, error
//! statuses with typed details, limits, deadlines, unknown methods, health, reflection, many
//! concurrent clients, handle limits, expiry and replica ids, several listening addresses,
//! graceful shutdown with calls in flight, and TLS.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use greet_grpc_tests::{pb, server_binary, Server, TempDir};
use pb::greet_client::GreetClient;
use prost::Message;
use tonic::transport::{Channel, Endpoint};
use tonic::Code;
use greet_grpc_server::runtime::status::RpcStatus;

async fn channel_to(port: u16) -> Channel {
    Endpoint::from_shared(format!("http://127.0.0.1:{port}")).unwrap().connect().await.expect("connect")
}

trait Connect {
    async fn channel(&self) -> Channel;
    async fn client(&self) -> GreetClient<Channel>;
}

impl Connect for Server {
    async fn channel(&self) -> Channel {
        channel_to(self.port).await
    }

    async fn client(&self) -> GreetClient<Channel> {
        GreetClient::new(self.channel().await)
    }
}

/// The typed error a status carries in `grpc-status-details-bin`.
fn greet_error(status: &tonic::Status) -> pb::greet_error::Kind {
    let rpc = RpcStatus::decode(status.details()).expect("details are a google.rpc.Status");
    assert_eq!(rpc.code, status.code() as i32);
    assert_eq!(rpc.message, status.message());
    let [any] = rpc.details.as_slice() else { panic!("expected one detail, got {:?}", rpc.details) };
    assert_eq!(any.type_url, "type.googleapis.com/greet.v1.GreetError");
    pb::GreetError::decode(any.value.as_slice()).unwrap().kind.expect("a variant")
}

async fn new_greeter(c: &mut GreetClient<Channel>, tag: &str) -> u64 {
    c.greeter_for_locale(pb::GreeterForLocaleRequest { tag: tag.into() }).await.unwrap().into_inner().value
}

#[tokio::test]
async fn every_rpc_answers_like_the_library() {
    let server = Server::start(&[]);
    let mut c = server.client().await;

    let r = c.greet(pb::GreetRequest { greeting: "Aloha".into(), name: "amigo".into() }).await.unwrap();
    assert_eq!(r.into_inner().value, "Aloha, amigo");
    let r = c.greet(pb::GreetRequest { greeting: " 👋 ".into(), name: "".into() }).await.unwrap();
    assert_eq!(r.into_inner().value, greet::greet(" 👋 ".into(), "".into()));
    let r = c.max_name_length(pb::MaxNameLengthRequest {}).await.unwrap();
    assert_eq!(r.into_inner().value, greet::max_name_length());

    let handles = c.supported_locales(pb::SupportedLocalesRequest {}).await.unwrap().into_inner().value;
    let mut tags = Vec::new();
    for h in &handles {
        tags.push(c.locale_tag(pb::LocaleTagRequest { handle: *h }).await.unwrap().into_inner().value);
    }
    let expected: Vec<String> = greet::supported_locales().iter().map(|l| l.tag()).collect();
    assert_eq!(tags, expected);

    let ar = c.locale_new(pb::LocaleNewRequest { tag: "AR".into() }).await.unwrap().into_inner().value;
    assert_eq!(c.locale_tag(pb::LocaleTagRequest { handle: ar }).await.unwrap().into_inner().value, "ar");
    assert!(c.locale_is_rtl(pb::LocaleIsRtlRequest { handle: ar }).await.unwrap().into_inner().value);
    assert_eq!(c.locale_native_name(pb::LocaleNativeNameRequest { handle: ar }).await.unwrap().into_inner().value, "العربية");
    let formal = pb::Tone::Formal as i32;
    let phrase = c.locale_phrase(pb::LocalePhraseRequest { handle: ar, tone: formal }).await.unwrap().into_inner().value;
    assert_eq!(phrase, greet::Locale::new("ar".into()).unwrap().phrase(greet::Tone::Formal));
    assert_eq!(c.locale_to_string(pb::LocaleToStringRequest { handle: ar }).await.unwrap().into_inner().value, "ar");
    c.locale_release(pb::LocaleReleaseRequest { handle: ar }).await.unwrap();

    let g = c.greeter_new(pb::GreeterNewRequest {}).await.unwrap().into_inner().value;
    assert_eq!(c.greeter_greet(pb::GreeterGreetRequest { handle: g, name: "friend".into() }).await.unwrap().into_inner().value, "Hi, friend");
    let ja = new_greeter(&mut c, "ja").await;
    assert_eq!(c.greeter_greet(pb::GreeterGreetRequest { handle: ja, name: "友達".into() }).await.unwrap().into_inner().value, "やあ、友達");
    let options = pb::GreetOptions { tone: formal, title: Some("Dr.".into()), exclaim: true };
    let text = c
        .greeter_greet_with(pb::GreeterGreetWithRequest { handle: g, name: "Ruiz".into(), options: Some(options) })
        .await
        .unwrap()
        .into_inner()
        .value;
    let local = greet::Greeter::new()
        .greet_with("Ruiz".into(), greet::GreetOptions { tone: greet::Tone::Formal, title: Some("Dr.".into()), exclaim: true })
        .unwrap();
    assert_eq!(text, local);
    let custom = pb::Salutation { kind: Some(pb::salutation::Kind::Custom(pb::salutation::Custom { text: "Yo".into() })) };
    let r = c.greeter_salute(pb::GreeterSaluteRequest { handle: g, salutation: Some(custom), name: "x".into() }).await.unwrap();
    assert_eq!(r.into_inner().value, "Yo, x");
    let book = pb::Salutation { kind: Some(pb::salutation::Kind::Phrasebook(pb::salutation::Phrasebook { tone: formal })) };
    let r = c.greeter_salute(pb::GreeterSaluteRequest { handle: ja, salutation: Some(book), name: "x".into() }).await.unwrap();
    assert_eq!(r.into_inner().value, "こんにちは、x");
    let all = c
        .greeter_greet_all(pb::GreeterGreetAllRequest { handle: g, names: vec!["a".into(), "b".into()] })
        .await
        .unwrap()
        .into_inner()
        .value;
    assert_eq!(all, ["Hi, a", "Hi, b"]);
    let later = c
        .greeter_greet_later(pb::GreeterGreetLaterRequest {
            handle: g,
            name: "later".into(),
            delay: Some(prost_types::Duration { seconds: 0, nanos: 10_000_000 }),
        })
        .await
        .unwrap()
        .into_inner()
        .value;
    assert_eq!(later, "Hi, later");
    assert_eq!(c.greeter_count_for(pb::GreeterCountForRequest { handle: g, name: "a".into() }).await.unwrap().into_inner().value, 1);
    assert_eq!(c.greeter_total(pb::GreeterTotalRequest { handle: g }).await.unwrap().into_inner().value, 6);
    let counts = c.greeter_counts(pb::GreeterCountsRequest { handle: g }).await.unwrap().into_inner().value;
    assert_eq!(counts.len(), 6, "{counts:?}");
    assert_eq!(counts["Ruiz"], 1);
    let last = c.greeter_last_greeting(pb::GreeterLastGreetingRequest { handle: g }).await.unwrap().into_inner().value.unwrap();
    assert_eq!((last.text.as_str(), last.name.as_str(), last.locale.as_str()), ("Hi, later", "later", "en"));
    let at = last.at.unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    assert!((now - at.seconds).abs() < 60, "timestamp {at:?} is not now");
    let fresh = c.greeter_new(pb::GreeterNewRequest {}).await.unwrap().into_inner().value;
    assert_eq!(c.greeter_last_greeting(pb::GreeterLastGreetingRequest { handle: fresh }).await.unwrap().into_inner().value, None);
    let loc = c.greeter_locale(pb::GreeterLocaleRequest { handle: ja }).await.unwrap().into_inner().value;
    assert_eq!(c.locale_tag(pb::LocaleTagRequest { handle: loc }).await.unwrap().into_inner().value, "ja");
    let shown = c.greeter_to_string(pb::GreeterToStringRequest { handle: g }).await.unwrap().into_inner().value;
    assert!(shown.contains("en"), "{shown}");
    c.greeter_release(pb::GreeterReleaseRequest { handle: g }).await.unwrap();
    let gone = c.greeter_total(pb::GreeterTotalRequest { handle: g }).await.unwrap_err();
    assert_eq!(gone.code(), Code::NotFound);
    assert!(gone.details().is_empty());
    let again = c.greeter_release(pb::GreeterReleaseRequest { handle: g }).await.unwrap_err();
    assert_eq!(again.code(), Code::NotFound);
}

#[tokio::test]
async fn errors_become_statuses_with_the_typed_variant() {
    let server = Server::start(&[]);
    let mut c = server.client().await;
    let g = c.greeter_new(pb::GreeterNewRequest {}).await.unwrap().into_inner().value;

    let e = c.greeter_greet(pb::GreeterGreetRequest { handle: g, name: "  ".into() }).await.unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument);
    // The message names the variant and its fields (GreetError exports no `Display`).
    assert_eq!(e.message(), r#"GreetError.EmptyName(name="  ")"#);
    assert_eq!(greet_error(&e), pb::greet_error::Kind::EmptyName(pb::greet_error::EmptyName { name: "  ".into() }));

    let long = "é".repeat(300);
    let e = c.greeter_greet(pb::GreeterGreetRequest { handle: g, name: long }).await.unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument);
    assert_eq!(greet_error(&e), pb::greet_error::Kind::NameTooLong(pb::greet_error::NameTooLong { length: 300, max: 256 }));

    let e = c.greeter_for_locale(pb::GreeterForLocaleRequest { tag: "xx".into() }).await.unwrap_err();
    assert_eq!(e.code(), Code::NotFound, "uniffi.toml maps UnknownLocale to NOT_FOUND");
    assert_eq!(greet_error(&e), pb::greet_error::Kind::UnknownLocale(pb::greet_error::UnknownLocale { locale: "xx".into() }));
    let e = c.locale_new(pb::LocaleNewRequest { tag: "".into() }).await.unwrap_err();
    assert_eq!(e.code(), Code::NotFound);

    let blank = pb::Salutation { kind: Some(pb::salutation::Kind::Custom(pb::salutation::Custom { text: " ".into() })) };
    let e = c.greeter_salute(pb::GreeterSaluteRequest { handle: g, salutation: Some(blank), name: "x".into() }).await.unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument);
    assert_eq!(greet_error(&e), pb::greet_error::Kind::EmptySalutation(pb::greet_error::EmptySalutation {}));

    let e = c.greeter_greet_all(pb::GreeterGreetAllRequest { handle: g, names: vec!["ok".into(), "".into()] }).await.unwrap_err();
    assert_eq!(e.code(), Code::InvalidArgument);
    assert_eq!(c.greeter_total(pb::GreeterTotalRequest { handle: g }).await.unwrap().into_inner().value, 0, "nothing counted");

    // What the interface cannot hold: invalid values are INVALID_ARGUMENT, without details.
    let bad = [
        c.locale_phrase(pb::LocalePhraseRequest { handle: 0, tone: 1 }).await.unwrap_err(),
        c.greeter_greet_with(pb::GreeterGreetWithRequest { handle: g, name: "x".into(), options: None }).await.unwrap_err(),
        c.greeter_greet_with(pb::GreeterGreetWithRequest {
            handle: g,
            name: "x".into(),
            options: Some(pb::GreetOptions { tone: 0, title: None, exclaim: false }),
        })
        .await
        .unwrap_err(),
        c.greeter_greet_with(pb::GreeterGreetWithRequest {
            handle: g,
            name: "x".into(),
            options: Some(pb::GreetOptions { tone: 7, title: None, exclaim: false }),
        })
        .await
        .unwrap_err(),
        c.greeter_salute(pb::GreeterSaluteRequest { handle: g, salutation: Some(pb::Salutation { kind: None }), name: "x".into() })
            .await
            .unwrap_err(),
        c.greeter_greet_later(pb::GreeterGreetLaterRequest {
            handle: g,
            name: "x".into(),
            delay: Some(prost_types::Duration { seconds: -1, nanos: 0 }),
        })
        .await
        .unwrap_err(),
    ];
    assert_eq!(bad[0].code(), Code::NotFound, "handle 0 is never issued");
    for status in &bad[1..] {
        assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
        assert!(status.details().is_empty());
    }
    // The server is still serving.
    assert_eq!(c.greeter_total(pb::GreeterTotalRequest { handle: g }).await.unwrap().into_inner().value, 0);
}

#[tokio::test]
async fn oversize_messages_and_unknown_methods_get_a_status_and_the_server_goes_on() {
    let server = Server::start(&["--max-message-bytes", "65536"]);
    let mut c = server.client().await;
    let big = "x".repeat(100_000);
    let e = c.greet(pb::GreetRequest { greeting: big.clone(), name: "n".into() }).await.unwrap_err();
    assert!(matches!(e.code(), Code::OutOfRange | Code::ResourceExhausted), "{e:?}");
    // A reply over the limit is not sent, and the status says the call ran.
    let g = c.greeter_new(pb::GreeterNewRequest {}).await.unwrap().into_inner().value;
    let names: Vec<String> = (0..1000).map(|i| format!("n{i:059}")).collect();
    let e = c.greeter_greet_all(pb::GreeterGreetAllRequest { handle: g, names }).await.unwrap_err();
    assert_eq!(e.code(), Code::OutOfRange, "{e:?}");
    assert!(e.message().starts_with("GreeterGreetAll ran, but its reply ("), "{}", e.message());
    assert!(e.message().contains("is over the server's limit of 65536 bytes"), "{}", e.message());
    assert_eq!(c.greeter_total(pb::GreeterTotalRequest { handle: g }).await.unwrap().into_inner().value, 1000);

    let mut raw = tonic::client::Grpc::new(server.channel().await);
    for path in ["/greet.v1.Greet/NoSuchMethod", "/greet.v1.NoSuchService/Greet", "/nothing"] {
        raw.ready().await.unwrap();
        let codec = tonic_prost::ProstCodec::<pb::GreetRequest, pb::GreetReply>::default();
        let e = raw
            .unary(tonic::Request::new(pb::GreetRequest::default()), path.parse().unwrap(), codec)
            .await
            .unwrap_err();
        assert_eq!(e.code(), Code::Unimplemented, "{path}: {e:?}");
    }
    let r = c.greet(pb::GreetRequest { greeting: "still".into(), name: "here".into() }).await.unwrap();
    assert_eq!(r.into_inner().value, "still, here");
}

#[tokio::test]
async fn deadlines_are_honoured_from_the_client_and_the_server() {
    let slow = |g: u64, ms: i64| pb::GreeterGreetLaterRequest {
        handle: g,
        name: "slow".into(),
        delay: Some(prost_types::Duration { seconds: ms / 1000, nanos: (ms % 1000) as i32 * 1_000_000 }),
    };
    // The client's deadline (grpc-timeout, 0.1 s) is far shorter than the server's (10 s).
    let server = Server::start(&["--request-timeout-secs", "10"]);
    let mut c = server.client().await;
    let g = c.greeter_new(pb::GreeterNewRequest {}).await.unwrap().into_inner().value;
    let mut request = tonic::Request::new(slow(g, 3_000));
    request.set_timeout(Duration::from_millis(100));
    let started = Instant::now();
    let e = c.greeter_greet_later(request).await.unwrap_err();
    assert!(matches!(e.code(), Code::DeadlineExceeded | Code::Cancelled), "{e:?}");
    assert!(started.elapsed() < Duration::from_millis(2_000), "took {:?}", started.elapsed());
    assert_eq!(c.greeter_greet_later(slow(g, 20)).await.unwrap().into_inner().value, "Hi, slow");

    // No client deadline: the server's own (0.3 s) applies; tonic reports it as CANCELLED.
    let server = Server::start(&["--request-timeout-secs", "0.3"]);
    let mut c = server.client().await;
    let g = c.greeter_new(pb::GreeterNewRequest {}).await.unwrap().into_inner().value;
    let started = Instant::now();
    let e = c.greeter_greet_later(slow(g, 3_000)).await.unwrap_err();
    assert_eq!(e.code(), Code::Cancelled, "{e:?}");
    assert!(started.elapsed() < Duration::from_millis(2_000), "took {:?}", started.elapsed());
    // Within the deadline it works.
    assert_eq!(c.greeter_greet_later(slow(g, 20)).await.unwrap().into_inner().value, "Hi, slow");
}

#[tokio::test]
async fn health_and_reflection_are_served() {
    use tonic_health::pb::health_client::HealthClient;
    use tonic_health::pb::HealthCheckRequest;
    let server = Server::start(&[]);
    let mut health = HealthClient::new(server.channel().await);
    for service in ["", "greet.v1.Greet"] {
        let r = health.check(HealthCheckRequest { service: service.into() }).await.unwrap().into_inner();
        assert_eq!(r.status, tonic_health::pb::health_check_response::ServingStatus::Serving as i32, "{service:?}");
    }
    let e = health.check(HealthCheckRequest { service: "nope".into() }).await.unwrap_err();
    assert_eq!(e.code(), Code::NotFound);

    use tonic_reflection::pb::v1::server_reflection_client::ServerReflectionClient;
    use tonic_reflection::pb::v1::server_reflection_request::MessageRequest;
    use tonic_reflection::pb::v1::server_reflection_response::MessageResponse;
    use tonic_reflection::pb::v1::ServerReflectionRequest;
    let mut reflection = ServerReflectionClient::new(server.channel().await);
    let request = ServerReflectionRequest { host: String::new(), message_request: Some(MessageRequest::ListServices(String::new())) };
    let mut stream = reflection.server_reflection_info(tokio_stream::iter(vec![request])).await.unwrap().into_inner();
    let reply = stream.message().await.unwrap().unwrap();
    let Some(MessageResponse::ListServicesResponse(list)) = reply.message_response else { panic!("{reply:?}") };
    let names: Vec<String> = list.service.into_iter().map(|s| s.name).collect();
    assert!(names.contains(&"greet.v1.Greet".to_string()), "{names:?}");
    assert!(names.contains(&"grpc.health.v1.Health".to_string()), "{names:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_concurrent_clients_each_get_their_own_answers() {
    let server = Server::start(&[]);
    let mut channels = Vec::new();
    for _ in 0..4 {
        channels.push(server.channel().await);
    }
    let mut tasks = Vec::new();
    for i in 0..64 {
        let mut c = GreetClient::new(channels[i % channels.len()].clone());
        tasks.push(tokio::spawn(async move {
            let g = c.greeter_new(pb::GreeterNewRequest {}).await?.into_inner().value;
            for j in 0..25 {
                let name = format!("client{i}-{j}");
                let r = c.greet(pb::GreetRequest { greeting: format!("Hi{i}"), name: name.clone() }).await?;
                assert_eq!(r.into_inner().value, format!("Hi{i}, {name}"));
                let r = c.greeter_greet(pb::GreeterGreetRequest { handle: g, name: name.clone() }).await?;
                assert_eq!(r.into_inner().value, format!("Hi, {name}"));
            }
            let total = c.greeter_total(pb::GreeterTotalRequest { handle: g }).await?.into_inner().value;
            c.greeter_release(pb::GreeterReleaseRequest { handle: g }).await?;
            Ok::<u64, tonic::Status>(total)
        }));
    }
    let run = async {
        for task in tasks {
            assert_eq!(task.await.unwrap().unwrap(), 25, "each greeter counts only its own client's greetings");
        }
    };
    tokio::time::timeout(Duration::from_secs(60), run).await.expect("3,264 calls within 60 s");
}

#[tokio::test]
async fn handles_are_bounded_and_idle_ones_expire() {
    let server = Server::start(&["--max-handles", "2", "--handle-idle-secs", "0.4"]);
    let mut c = server.client().await;
    let a = c.greeter_new(pb::GreeterNewRequest {}).await.unwrap().into_inner().value;
    let _b = c.greeter_new(pb::GreeterNewRequest {}).await.unwrap().into_inner().value;
    let e = c.greeter_new(pb::GreeterNewRequest {}).await.unwrap_err();
    assert_eq!(e.code(), Code::ResourceExhausted);
    c.greeter_release(pb::GreeterReleaseRequest { handle: a }).await.unwrap();
    let d = c.greeter_new(pb::GreeterNewRequest {}).await.unwrap().into_inner().value;
    // Used objects stay; unused ones go after the idle limit.
    for _ in 0..5 {
        tokio::time::sleep(Duration::from_millis(150)).await;
        c.greeter_total(pb::GreeterTotalRequest { handle: d }).await.unwrap();
    }
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let e = c.greeter_total(pb::GreeterTotalRequest { handle: d }).await.unwrap_err();
    assert_eq!(e.code(), Code::NotFound);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_lets_calls_in_flight_finish_then_exits() {
    for signal in ["-TERM", "-INT"] {
        let mut server = Server::start(&[]);
        let mut c = server.client().await;
        let g = c.greeter_new(pb::GreeterNewRequest {}).await.unwrap().into_inner().value;
        let mut calls = Vec::new();
        for i in 0..8 {
            let mut c = c.clone();
            calls.push(tokio::spawn(async move {
                c.greeter_greet_later(pb::GreeterGreetLaterRequest {
                    handle: g,
                    name: format!("n{i}"),
                    delay: Some(prost_types::Duration { seconds: 0, nanos: 700_000_000 }),
                })
                .await
            }));
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        server.signal(signal);
        for (i, call) in calls.into_iter().enumerate() {
            let reply = call.await.unwrap().unwrap_or_else(|e| panic!("{signal}: call {i} in flight failed: {e:?}"));
            assert_eq!(reply.into_inner().value, format!("Hi, n{i}"));
        }
        let status = tokio::task::spawn_blocking(move || {
            let status = server.wait_exit(Duration::from_secs(10));
            (status, server)
        })
        .await
        .unwrap();
        assert!(status.0.success(), "{signal}: exit status {:?}", status.0);
        let refused = Endpoint::from_shared(format!("http://127.0.0.1:{}", status.1.port)).unwrap().connect().await;
        assert!(refused.is_err(), "{signal}: still accepting after exit");
    }
}

#[tokio::test]
async fn tls_with_a_certificate_and_key() {
    let dir = TempDir::new("tls");
    let (cert, key) = (dir.0.join("cert.pem"), dir.0.join("key.pem"));
    let (ca, ca_key, csr, ext) = (dir.0.join("ca.pem"), dir.0.join("ca-key.pem"), dir.0.join("leaf.csr"), dir.0.join("ext.cnf"));
    std::fs::write(&ext, "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n").unwrap();
    let openssl = |args: Vec<&std::ffi::OsStr>| {
        let ok = Command::new("openssl")
            .args(args)
            .stderr(Stdio::null())
            .status()
            .expect("openssl (Debian package `openssl`) makes the test certificates")
            .success();
        assert!(ok, "openssl could not make a test certificate");
    };
    let os = |s: &'static str| std::ffi::OsStr::new(s);
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"].map(os);
    let mut args = vec![os("req"), os("-x509")];
    args.extend(ec);
    args.extend([os("-days"), os("1"), os("-subj"), os("/CN=greet test CA"), os("-keyout"), ca_key.as_os_str(), os("-out"), ca.as_os_str()]);
    openssl(args);
    let mut args = vec![os("req")];
    args.extend(ec);
    args.extend([os("-subj"), os("/CN=localhost"), os("-keyout"), key.as_os_str(), os("-out"), csr.as_os_str()]);
    openssl(args);
    openssl(vec![
        os("x509"), os("-req"), os("-in"), csr.as_os_str(), os("-CA"), ca.as_os_str(), os("-CAkey"), ca_key.as_os_str(),
        os("-CAcreateserial"), os("-days"), os("1"), os("-extfile"), ext.as_os_str(), os("-out"), cert.as_os_str(),
    ]);
    let pem = std::fs::read(&ca).unwrap();
    let args = ["--tls-cert", cert.to_str().unwrap(), "--tls-key", key.to_str().unwrap()].map(String::from);
    let server = Server::start_in(dir, &["--addr", "127.0.0.1:0"], &args.iter().map(String::as_str).collect::<Vec<_>>());
    let tls = tonic::transport::ClientTlsConfig::new()
        .ca_certificate(tonic::transport::Certificate::from_pem(pem))
        .domain_name("localhost");
    let channel = Endpoint::from_shared(format!("https://127.0.0.1:{}", server.port))
        .unwrap()
        .tls_config(tls)
        .unwrap()
        .connect()
        .await
        .expect("TLS connect");
    let r = GreetClient::new(channel).greet(pb::GreetRequest { greeting: "Aloha".into(), name: "amigo".into() }).await.unwrap();
    assert_eq!(r.into_inner().value, "Aloha, amigo");
    // Plaintext is refused.
    let plain = Endpoint::from_shared(format!("http://127.0.0.1:{}", server.port)).unwrap().connect().await;
    if let Ok(channel) = plain {
        let e = GreetClient::new(channel).greet(pb::GreetRequest::default()).await.unwrap_err();
        assert!(matches!(e.code(), Code::Unavailable | Code::Internal | Code::Unknown), "plaintext call got {e:?}");
    }
}

#[test]
fn bad_arguments_are_one_error_line() {
    let out = Command::new(server_binary())
        .args(["--addr", "127.0.0.1:0", "--tls-cert", "/nonexistent.pem", "--tls-key", "/nonexistent.pem"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("error: cannot read --tls-cert /nonexistent.pem"), "{err}");
    let out = Command::new(server_binary()).args(["--addr", "nowhere"]).output().unwrap();
    assert!(!out.status.success());
}

#[tokio::test]
async fn a_handle_on_another_replica_is_not_found_naming_both_replicas() {
    let a = Server::start(&["--replica-id", "3"]);
    let b = Server::start(&["--replica-id", "5"]);
    let mut ca = a.client().await;
    let mut cb = b.client().await;
    let g = ca.greeter_new(pb::GreeterNewRequest {}).await.unwrap().into_inner().value;
    assert_eq!(g >> 48, 3, "the handle carries replica 3");
    let e = cb.greeter_total(pb::GreeterTotalRequest { handle: g }).await.unwrap_err();
    assert_eq!(e.code(), Code::NotFound);
    assert!(e.message().contains("issued by replica 3, and this is replica 5"), "{}", e.message());
    // On its own replica the handle works, and after release it is plainly gone.
    assert_eq!(ca.greeter_total(pb::GreeterTotalRequest { handle: g }).await.unwrap().into_inner().value, 0);
    ca.greeter_release(pb::GreeterReleaseRequest { handle: g }).await.unwrap();
    let e = ca.greeter_total(pb::GreeterTotalRequest { handle: g }).await.unwrap_err();
    assert!(e.message().contains("no live Greeter") && e.message().contains("replica 3"), "{}", e.message());
}

/// `--addr` is repeatable: the server listens on each address and says so, one line each.
#[tokio::test]
async fn every_addr_is_listened_on() {
    let mut server = Server::start_in(TempDir::new("addrs"), &["--addr", "127.0.0.1:0", "--addr", "[::1]:0"], &[]);
    let stdout = server.child.stdout.take().unwrap();
    let lines: Vec<String> = tokio::task::spawn_blocking(move || {
        use std::io::BufRead;
        std::io::BufReader::new(stdout).lines().take(2).map(|l| l.unwrap()).collect()
    })
    .await
    .unwrap();
    let addrs: Vec<std::net::SocketAddr> =
        lines.iter().map(|l| l.strip_prefix("listening on ").unwrap_or_else(|| panic!("{l}")).parse().unwrap()).collect();
    assert!(addrs[0].is_ipv4() && addrs[1].is_ipv6(), "{addrs:?}");
    assert_eq!(addrs[0].port(), server.port, "the port file holds the first address's port");
    for addr in addrs {
        let channel = Endpoint::from_shared(format!("http://{addr}")).unwrap().connect().await.expect("connect");
        let r = GreetClient::new(channel).greet(pb::GreetRequest { greeting: "Aloha".into(), name: "amigo".into() }).await;
        assert_eq!(r.unwrap().into_inner().value, "Aloha, amigo", "{addr}");
    }
}

/// A replica id must be 1..=65535: 0 is refused with one error line.
#[test]
fn replica_id_zero_is_refused() {
    let out = Command::new(server_binary()).args(["--addr", "127.0.0.1:0", "--replica-id", "0"]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("--replica-id"), "{err}");
}
