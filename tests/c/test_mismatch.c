/*
 * A libgreet_c that does not match is refused, never called (docs/hardening.md, "A stale or
 * mismatched library"). One scenario per process, as the library remembers a refusal:
 *
 *   test_mismatch ok         greet_library_init(GREET_INTERFACE_FINGERPRINT) is OK; calls work.
 *   test_mismatch header     a program compiled with another header (another fingerprint):
 *                            greet_library_init returns GREET_STATUS_INCOMPATIBLE_LIBRARY with
 *                            the message, and so does every call after it.
 *   test_mismatch component  run with a preloaded library whose uniffi_greet_checksum_func_greet
 *                            returns another value (a component with another interface than the
 *                            glue was generated for): calls without greet_library_init return
 *                            GREET_STATUS_INCOMPATIBLE_LIBRARY; so does greet_library_init.
 *
 * Prints each message; exits non-zero on the first unexpected result.
 */
#include "greet.h"

#include <stdio.h>
#include <string.h>

static int failures = 0;

static int contains(greet_string s, const char *needle) {
    size_t n = strlen(needle);
    if (s.ptr == NULL || n > s.len) return 0;
    for (size_t i = 0; i + n <= s.len; i++) {
        if (memcmp(s.ptr + i, needle, n) == 0) return 1;
    }
    return 0;
}

static void expect(int cond, const char *what) {
    if (!cond) {
        fprintf(stderr, "FAIL: %s\n", what);
        failures++;
    }
}

/* The message of a refusal: the library, what differs, what to run. */
static void expect_refusal(greet_status status, greet_string message, const char *problem) {
    printf("status %d: %.*s\n", (int)status, (int)message.len, message.ptr ? message.ptr : "");
    expect(status == GREET_STATUS_INCOMPATIBLE_LIBRARY, "status GREET_STATUS_INCOMPATIBLE_LIBRARY");
    expect(contains(message, "libgreet_c"), "the message names the library file");
    expect(contains(message, "does not match its bindings"), "the message says it does not match");
    expect(contains(message, problem), problem);
    expect(contains(message, "regenerate the bindings (`"), "the message names the generate command");
    expect(contains(message, "rebuild the glue crate (`cargo build"), "the message names the build command");
}

static greet_status call_greet(greet_string *out, greet_error *err) {
    return greet_greet("Hello", 5, "C", 1, out, err);
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "ok";
    greet_error err;
    greet_string out;
    if (strcmp(mode, "ok") == 0) {
        expect(greet_library_init(GREET_INTERFACE_FINGERPRINT, &err) == GREET_STATUS_OK, "init OK");
        expect(err.message.ptr == NULL, "no message");
        expect(greet_library_init(NULL, NULL) == GREET_STATUS_OK, "init again, NULL arguments");
        expect(call_greet(&out, &err) == GREET_STATUS_OK && out.len == 8, "greet works");
        greet_string_free(&out);
    } else if (strcmp(mode, "header") == 0) {
        greet_status status = greet_library_init("0123456789abcdef", &err);
        expect_refusal(status, err.message, "interface fingerprint 0123456789abcdef");
        expect(contains(err.message, "greet.h"), "the message names the header");
        greet_error_free(&err);
        status = call_greet(&out, &err);
        expect_refusal(status, err.message, "interface fingerprint 0123456789abcdef");
        expect(out.ptr == NULL && out.len == 0, "*out is zeroed");
        greet_error_free(&err);
    } else if (strcmp(mode, "component") == 0) {
        const char *problem = "`uniffi_greet_checksum_func_greet()` is 1 in the component";
        greet_status status = call_greet(&out, &err);
        expect_refusal(status, err.message, problem);
        greet_error_free(&err);
        greet_Greeter *g = NULL;
        status = greet_Greeter_new(&g, &err);
        expect_refusal(status, err.message, problem);
        expect(g == NULL, "no object");
        greet_error_free(&err);
        status = greet_library_init(GREET_INTERFACE_FINGERPRINT, &err);
        expect_refusal(status, err.message, problem);
        greet_error_free(&err);
    } else {
        fprintf(stderr, "usage: test_mismatch ok|header|component\n");
        return 2;
    }
    if (failures == 0) printf("ok: %s\n", mode);
    return failures ? 1 : 0;
}
