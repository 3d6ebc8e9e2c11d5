/* A small JSON reader for the C tests: see json.h. */
#include "json.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct parser {
    const char *start;
    const char *p;
    const char *end;
    char *error;
    size_t error_size;
} parser;

static void fail(parser *ps, const char *what) {
    if (ps->error && ps->error[0] == '\0') {
        snprintf(ps->error, ps->error_size, "%s at byte %td", what, ps->p - ps->start);
    }
}

static void skip_space(parser *ps) {
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')) {
        ps->p++;
    }
}

static json_value *new_value(json_type type) {
    json_value *v = calloc(1, sizeof *v);
    if (v) {
        v->type = type;
    }
    return v;
}

/* A growable byte buffer for decoded strings. */
typedef struct buffer {
    char *data;
    size_t len;
    size_t cap;
} buffer;

static bool push(buffer *b, const char *bytes, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 32;
        while (cap < b->len + n + 1) {
            cap *= 2;
        }
        char *data = realloc(b->data, cap);
        if (!data) {
            return false;
        }
        b->data = data;
        b->cap = cap;
    }
    memcpy(b->data + b->len, bytes, n);
    b->len += n;
    b->data[b->len] = '\0';
    return true;
}

static bool push_utf8(buffer *b, uint32_t cp) {
    char out[4];
    size_t n;
    if (cp < 0x80) {
        out[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return push(b, out, n);
}

static bool hex4(parser *ps, uint32_t *out) {
    if (ps->end - ps->p < 4) {
        return false;
    }
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        char c = *ps->p++;
        v <<= 4;
        if (c >= '0' && c <= '9') {
            v |= (uint32_t)(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            v |= (uint32_t)(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            v |= (uint32_t)(c - 'A' + 10);
        } else {
            return false;
        }
    }
    *out = v;
    return true;
}

/* Parses a string after its opening quote into `b`. */
static bool parse_string_into(parser *ps, buffer *b) {
    if (!push(b, "", 0)) {
        return false;
    }
    while (ps->p < ps->end) {
        char c = *ps->p++;
        if (c == '"') {
            return true;
        }
        if (c != '\\') {
            if (!push(b, &c, 1)) {
                return false;
            }
            continue;
        }
        if (ps->p >= ps->end) {
            break;
        }
        char e = *ps->p++;
        const char *simple = NULL;
        switch (e) {
        case '"': simple = "\""; break;
        case '\\': simple = "\\"; break;
        case '/': simple = "/"; break;
        case 'b': simple = "\b"; break;
        case 'f': simple = "\f"; break;
        case 'n': simple = "\n"; break;
        case 'r': simple = "\r"; break;
        case 't': simple = "\t"; break;
        case 'u': {
            uint32_t cp;
            if (!hex4(ps, &cp)) {
                fail(ps, "bad \\u escape");
                return false;
            }
            if (cp >= 0xD800 && cp < 0xDC00) {
                uint32_t low;
                if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u') {
                    fail(ps, "lone high surrogate");
                    return false;
                }
                ps->p += 2;
                if (!hex4(ps, &low) || low < 0xDC00 || low > 0xDFFF) {
                    fail(ps, "bad low surrogate");
                    return false;
                }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            }
            if (!push_utf8(b, cp)) {
                return false;
            }
            continue;
        }
        default:
            fail(ps, "bad escape");
            return false;
        }
        if (!push(b, simple, 1)) {
            return false;
        }
    }
    fail(ps, "unterminated string");
    return false;
}

static json_value *parse_value(parser *ps, int depth);

static json_value *parse_string(parser *ps) {
    buffer b = {0};
    if (!parse_string_into(ps, &b)) {
        free(b.data);
        return NULL;
    }
    json_value *v = new_value(JSON_STRING);
    if (!v) {
        free(b.data);
        return NULL;
    }
    v->string = b.data;
    v->length = b.len;
    return v;
}

static bool append_item(json_value *v, json_value *item, char *key) {
    json_value **items = realloc(v->items, (v->count + 1) * sizeof *items);
    if (!items) {
        return false;
    }
    v->items = items;
    if (v->type == JSON_OBJECT) {
        char **keys = realloc(v->keys, (v->count + 1) * sizeof *keys);
        if (!keys) {
            return false;
        }
        v->keys = keys;
        v->keys[v->count] = key;
    }
    v->items[v->count++] = item;
    return true;
}

static json_value *parse_container(parser *ps, int depth, bool object) {
    json_value *v = new_value(object ? JSON_OBJECT : JSON_ARRAY);
    if (!v) {
        return NULL;
    }
    char close = object ? '}' : ']';
    skip_space(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        return v;
    }
    for (;;) {
        char *key = NULL;
        skip_space(ps);
        if (object) {
            buffer b = {0};
            if (ps->p >= ps->end || *ps->p != '"') {
                fail(ps, "expected a key");
                goto error;
            }
            ps->p++;
            if (!parse_string_into(ps, &b)) {
                free(b.data);
                goto error;
            }
            key = b.data;
            skip_space(ps);
            if (ps->p >= ps->end || *ps->p != ':') {
                free(key);
                fail(ps, "expected ':'");
                goto error;
            }
            ps->p++;
        }
        json_value *item = parse_value(ps, depth + 1);
        if (!item || !append_item(v, item, key)) {
            json_free(item);
            free(key);
            goto error;
        }
        skip_space(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == close) {
            ps->p++;
            return v;
        }
        fail(ps, object ? "expected ',' or '}'" : "expected ',' or ']'");
        goto error;
    }
error:
    json_free(v);
    return NULL;
}

static bool literal(parser *ps, const char *word) {
    size_t n = strlen(word);
    if ((size_t)(ps->end - ps->p) >= n && memcmp(ps->p, word, n) == 0) {
        ps->p += n;
        return true;
    }
    return false;
}

static json_value *parse_value(parser *ps, int depth) {
    if (depth > 64) {
        fail(ps, "nested too deeply");
        return NULL;
    }
    skip_space(ps);
    if (ps->p >= ps->end) {
        fail(ps, "unexpected end");
        return NULL;
    }
    char c = *ps->p;
    if (c == '{' || c == '[') {
        ps->p++;
        return parse_container(ps, depth, c == '{');
    }
    if (c == '"') {
        ps->p++;
        return parse_string(ps);
    }
    if (literal(ps, "true") || literal(ps, "false")) {
        json_value *v = new_value(JSON_BOOL);
        if (v) {
            v->boolean = ps->p[-1] == 'e' && ps->p[-2] == 'u';
        }
        return v;
    }
    if (literal(ps, "null")) {
        return new_value(JSON_NULL);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        char number[64];
        size_t n = 0;
        while (ps->p < ps->end && n < sizeof number - 1 && strchr("+-.eE0123456789", *ps->p)) {
            number[n++] = *ps->p++;
        }
        number[n] = '\0';
        char *end;
        double d = strtod(number, &end);
        if (*end != '\0') {
            fail(ps, "bad number");
            return NULL;
        }
        json_value *v = new_value(JSON_NUMBER);
        if (v) {
            v->number = d;
        }
        return v;
    }
    fail(ps, "unexpected character");
    return NULL;
}

json_value *json_parse(const char *text, size_t length, char *error, size_t error_size) {
    parser ps = {text, text, text + length, error, error_size};
    if (error && error_size) {
        error[0] = '\0';
    }
    json_value *v = parse_value(&ps, 0);
    if (!v) {
        return NULL;
    }
    skip_space(&ps);
    if (ps.p != ps.end) {
        fail(&ps, "trailing characters");
        json_free(v);
        return NULL;
    }
    return v;
}

void json_free(json_value *v) {
    if (!v) {
        return;
    }
    for (size_t i = 0; i < v->count; i++) {
        json_free(v->items[i]);
        if (v->keys) {
            free(v->keys[i]);
        }
    }
    free(v->items);
    free(v->keys);
    free(v->string);
    free(v);
}

const json_value *json_get(const json_value *object, const char *key) {
    if (!object || object->type != JSON_OBJECT) {
        return NULL;
    }
    for (size_t i = 0; i < object->count; i++) {
        if (strcmp(object->keys[i], key) == 0) {
            return object->items[i];
        }
    }
    return NULL;
}

char *json_read_file(const char *path, size_t *length) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    char *data = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 > cap) {
            cap = cap ? cap * 2 : 65536;
            char *grown = realloc(data, cap);
            if (!grown) {
                free(data);
                fclose(f);
                return NULL;
            }
            data = grown;
        }
        size_t n = fread(data + len, 1, cap - len, f);
        len += n;
        if (n == 0) {
            break;
        }
    }
    fclose(f);
    *length = len;
    return data;
}
