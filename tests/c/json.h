/*
 * A small JSON reader for the C tests: enough of RFC 8259 to read the shared conformance
 * corpus (tests/conformance/corpus.json) as every other language's suite does, instead of
 * a converted copy. Strings are decoded to UTF-8 (\u escapes and surrogate pairs
 * included) and keep their length, so they may contain NUL bytes.
 */
#ifndef GREET_TEST_JSON_H
#define GREET_TEST_JSON_H

#include <stdbool.h>
#include <stddef.h>

typedef enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } json_type;

typedef struct json_value {
    json_type type;
    bool boolean;
    double number;
    /* JSON_STRING: the UTF-8 bytes (NUL-terminated too) and their length. */
    char *string;
    size_t length;
    /* JSON_ARRAY and JSON_OBJECT: `count` items; objects also have `keys` (NUL-terminated). */
    struct json_value **items;
    char **keys;
    size_t count;
} json_value;

/* Parses `text`; NULL on error, with a message in `error`. Free the result with json_free(). */
json_value *json_parse(const char *text, size_t length, char *error, size_t error_size);
void json_free(json_value *value);
/* The member `key` of an object, or NULL. */
const json_value *json_get(const json_value *object, const char *key);
/* Reads a whole file; NULL on error. Free with free(). */
char *json_read_file(const char *path, size_t *length);

#endif
