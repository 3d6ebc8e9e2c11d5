#!/usr/bin/env bash
# Where the time of one JVM surface case goes, for our JNI backend: the harness runs only that
# case (and only `jni`, or the approaches named in APPROACHES, e.g. "jni boltffi") under Java
# Flight Recorder, then the samples are summed by their top frame. Java frames come from
# `jdk.ExecutionSample`; time in a native method (the glue and the component, which JFR does not
# walk) from `jdk.NativeMethodSample`, attributed to the `UniffiLib` native. Needs a previous
# `bench/surface/jvm/run.sh` (it reuses target/bench/surface-jvm).
#
#   bench/surface/jvm/profile.sh generate_sensors_10k      # writes target/bench/surface-jvm/profile-CASE.{jfr,txt}
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd -P)"
cd "$ROOT"
CASE="${1:?usage: $0 CASE}"
W="$ROOT/target/bench/surface-jvm"
M="$W/maven"
[[ -f "$M/surface-harness/classpath.txt" ]] || { echo "run bench/surface/jvm/run.sh first" >&2; exit 1; }
CP="$M/surface-harness/classes:$(cat "$M/surface-harness/classpath.txt")"
PROFILE=release
[[ -f "$ROOT/target/release/libbench_surface_jni.so" ]] || PROFILE=debug
LIBS="$ROOT/target/$PROFILE"
ARGS=()
for a in ${APPROACHES:-jni}; do ARGS+=("$a=$M/surface-$a/classes"); done
JFR="$W/profile-$CASE.jfr"
# JFR's "profile" settings, with native methods sampled as often as Java code (10 ms; the
# default 20 ms would halve their share).
JAVA_HOME_DIR="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
python3 - "$JAVA_HOME_DIR/lib/jfr/profile.jfc" "$W/profile.jfc" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
text = re.sub(r'(<event name="jdk.NativeMethodSample">.*?<setting name="period"[^>]*>)20 ms', r'\g<1>10 ms', text, flags=re.S)
open(sys.argv[2], "w").write(text)
PY
java -Xss4m -Djava.library.path="$LIBS" -Djna.library.path="$LIBS" \
    -XX:StartFlightRecording=filename="$JFR",settings="$W/profile.jfc" \
    -cp "$CP" surfacebench.HarnessKt --out "$W/profile-$CASE.json" --only "$CASE" \
    --repeats 15 --warm-ms 400 --sample-ms 500 "${ARGS[@]}" >&2
jfr print --events jdk.ExecutionSample,jdk.NativeMethodSample "$JFR" | python3 -c '
import re, sys, collections
counts = collections.Counter()
kind = None
top = None
for line in sys.stdin:
    m = re.match(r"^jdk\.(\w+) \{", line)
    if m:
        kind, top = m.group(1), None
        continue
    if kind and top is None and "line:" in line:
        top = line.strip().split("  line:")[0]
        counts[("native: " if kind == "NativeMethodSample" else "java: ") + top] += 1
total = sum(counts.values()) or 1
print(f"{total} samples, by top frame:")
for frame, n in counts.most_common(25):
    print(f"{100 * n / total:5.1f}%  {frame}")
' | tee "$W/profile-$CASE.txt"
