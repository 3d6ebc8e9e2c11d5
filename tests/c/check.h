/* Assertions for the C tests: count every check, report each failure with its line. */
#ifndef GREET_TEST_CHECK_H
#define GREET_TEST_CHECK_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static atomic_long check_count;
static atomic_long check_failures;

static inline bool check_impl(bool ok, const char *what, const char *file, int line) {
    atomic_fetch_add(&check_count, 1);
    if (!ok) {
        atomic_fetch_add(&check_failures, 1);
        fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
    }
    return ok;
}

#define CHECK(cond) check_impl((cond), #cond, __FILE__, __LINE__)

/* Two byte strings are equal (pointer + length each). */
static inline bool bytes_eq(const char *a, size_t a_len, const char *b, size_t b_len) {
    return a_len == b_len && (a_len == 0 || memcmp(a, b, a_len) == 0);
}

/* A string literal as pointer and length (its length without the terminating NUL). */
#define LIT(s) (s), (sizeof(s) - 1)

static inline int check_summary(const char *suite) {
    long n = atomic_load(&check_count), failed = atomic_load(&check_failures);
    if (failed) {
        fprintf(stderr, "%s: %ld of %ld checks FAILED\n", suite, failed, n);
        return 1;
    }
    printf("%s: all %ld checks passed\n", suite, n);
    return 0;
}

#endif
