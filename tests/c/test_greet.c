/*
 * The whole greet interface through the generated C header (generated/c/greet.h) and its
 * library (libgreet_c): the shared conformance corpus, every error path, objects shared by
 * threads, a C implementation of the foreign `Decorator` trait, and the async call.
 * Doubles as an example of the C API: who owns what, and how each value is freed.
 *
 *   test_greet [CORPUS.json]       (default: tests/conformance/corpus.json, or $GREET_CORPUS)
 *
 * With GREET_C_FAULT=1 (the library built with greet's `fault-injection` feature) it also
 * checks that a Rust panic arrives as GREET_STATUS_PANIC and the library stays usable.
 */
#include "greet.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "json.h"

/* ---- helpers ---------------------------------------------------------------------------- */

/* A returned string equals `want` byte for byte, and is NUL-terminated as documented. */
static bool string_is(greet_string s, const char *want, size_t want_len) {
    return s.ptr != NULL && bytes_eq(s.ptr, s.len, want, want_len) && s.ptr[s.len] == '\0';
}

static bool string_is_z(greet_string s, const char *want) {
    return string_is(s, want, strlen(want));
}

static bool contains(greet_string s, const char *needle) {
    size_t n = strlen(needle);
    for (size_t i = 0; s.ptr && i + n <= s.len; i++) {
        if (memcmp(s.ptr + i, needle, n) == 0) {
            return true;
        }
    }
    return false;
}

static greet_Greeter *new_greeter(const char *tag) {
    greet_Greeter *g = NULL;
    greet_GreetError err;
    greet_error plain;
    greet_status st = tag ? greet_Greeter_for_locale(tag, strlen(tag), &g, &err) : greet_Greeter_new(&g, &plain);
    CHECK(st == GREET_STATUS_OK && g != NULL);
    if (tag) {
        greet_GreetError_free(&err);
    } else {
        greet_error_free(&plain);
    }
    return g;
}

/* Greets `name` and returns the status; `*text` gets the greeting, `*err` the error. */
static greet_status greeter_greet(const greet_Greeter *g, const char *name, size_t len, greet_string *text, greet_GreetError *err) {
    return greet_Greeter_greet(g, name, len, text, err);
}

static uint64_t total_of(const greet_Greeter *g) {
    uint64_t total = 0;
    CHECK(greet_Greeter_total(g, &total, NULL) == GREET_STATUS_OK);
    return total;
}

/* ---- the conformance corpus ------------------------------------------------------------- */

/* A corpus string: plain, {"repeat": s, "times": n} or {"concat": [parts]}; malloc'd. */
static char *corpus_text(const json_value *v, size_t *len) {
    if (v->type == JSON_STRING) {
        char *out = malloc(v->length + 1);
        memcpy(out, v->string, v->length + 1);
        *len = v->length;
        return out;
    }
    const json_value *repeat = json_get(v, "repeat");
    if (repeat) {
        size_t part_len, times = (size_t)json_get(v, "times")->number;
        char *part = corpus_text(repeat, &part_len);
        char *out = malloc(part_len * times + 1);
        for (size_t i = 0; i < times; i++) {
            memcpy(out + i * part_len, part, part_len);
        }
        out[part_len * times] = '\0';
        *len = part_len * times;
        free(part);
        return out;
    }
    const json_value *parts = json_get(v, "concat");
    size_t total = 0;
    char *out = malloc(1);
    for (size_t i = 0; parts && i < parts->count; i++) {
        size_t n;
        char *part = corpus_text(parts->items[i], &n);
        out = realloc(out, total + n + 1);
        memcpy(out + total, part, n);
        total += n;
        free(part);
    }
    out[total] = '\0';
    *len = total;
    return out;
}

static bool text_is(greet_string s, const json_value *want) {
    size_t len;
    char *text = corpus_text(want, &len);
    bool ok = string_is(s, text, len);
    free(text);
    return ok;
}

static greet_Tone corpus_tone(const json_value *v) {
    return strcmp(v->string, "Formal") == 0 ? GREET_TONE_FORMAL : GREET_TONE_INFORMAL;
}

static int error_tag(const char *variant) {
    static const struct { const char *name; int tag; } tags[] = {
        {"EmptyName", GREET_GREET_ERROR_EMPTY_NAME},
        {"NameTooLong", GREET_GREET_ERROR_NAME_TOO_LONG},
        {"UnknownLocale", GREET_GREET_ERROR_UNKNOWN_LOCALE},
        {"EmptySalutation", GREET_GREET_ERROR_EMPTY_SALUTATION},
        {"DecoratorFailed", GREET_GREET_ERROR_DECORATOR_FAILED},
    };
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        if (strcmp(tags[i].name, variant) == 0) {
            return tags[i].tag;
        }
    }
    return -1;
}

/* Runs one case; true when it gave what the corpus expects (a value or a GreetError). */
static bool run_case(const json_value *c) {
    const char *call = json_get(c, "call")->string;
    const json_value *expect = json_get(c, "expect");
    const json_value *want_error = json_get(c, "error");
    greet_GreetError err = {0};
    greet_status st = GREET_STATUS_PANIC;
    bool ok = false;

    if (strcmp(call, "greet") == 0) {
        size_t glen, nlen;
        char *greeting = corpus_text(json_get(c, "greeting"), &glen);
        char *name = corpus_text(json_get(c, "name"), &nlen);
        greet_string out;
        greet_error plain;
        st = greet_greet(greeting, glen, name, nlen, &out, &plain);
        ok = st == GREET_STATUS_OK && text_is(out, expect);
        greet_string_free(&out);
        greet_error_free(&plain);
        free(greeting);
        free(name);
        return ok;
    }
    if (strcmp(call, "Locale") == 0) {
        size_t len;
        char *tag = corpus_text(json_get(c, "tag"), &len);
        greet_Locale *loc = NULL;
        st = greet_Locale_new(tag, len, &loc, &err);
        free(tag);
        if (want_error) {
            ok = st == GREET_STATUS_ERROR && (int)err.tag == error_tag(want_error->string) && loc == NULL;
        } else if (st == GREET_STATUS_OK) {
            greet_string s[4];
            bool rtl = false;
            ok = greet_Locale_tag(loc, &s[0], NULL) == GREET_STATUS_OK && text_is(s[0], json_get(expect, "tag"));
            ok = ok && greet_Locale_native_name(loc, &s[1], NULL) == GREET_STATUS_OK && text_is(s[1], json_get(expect, "native_name"));
            ok = ok && greet_Locale_is_rtl(loc, &rtl, NULL) == GREET_STATUS_OK && rtl == json_get(expect, "is_rtl")->boolean;
            ok = ok && greet_Locale_phrase(loc, GREET_TONE_INFORMAL, &s[2], NULL) == GREET_STATUS_OK && text_is(s[2], json_get(expect, "informal"));
            ok = ok && greet_Locale_phrase(loc, GREET_TONE_FORMAL, &s[3], NULL) == GREET_STATUS_OK && text_is(s[3], json_get(expect, "formal"));
            for (int i = 0; i < 4; i++) {
                greet_string_free(&s[i]);
            }
        }
        greet_Locale_free(loc);
        greet_GreetError_free(&err);
        return ok;
    }
    if (strcmp(call, "Greeter.for_locale") == 0) {
        size_t len;
        char *tag = corpus_text(json_get(c, "tag"), &len);
        greet_Greeter *g = NULL;
        st = greet_Greeter_for_locale(tag, len, &g, &err);
        free(tag);
        if (want_error) {
            ok = st == GREET_STATUS_ERROR && (int)err.tag == error_tag(want_error->string);
        } else if (st == GREET_STATUS_OK) {
            greet_Locale *loc = NULL;
            greet_string t;
            ok = greet_Greeter_locale(g, &loc, NULL) == GREET_STATUS_OK && greet_Locale_tag(loc, &t, NULL) == GREET_STATUS_OK &&
                 text_is(t, expect);
            greet_string_free(&t);
            greet_Locale_free(loc);
        }
        greet_Greeter_free(g);
        greet_GreetError_free(&err);
        return ok;
    }

    /* The Greeter methods: a greeter for `locale` (null: the primary constructor). */
    const json_value *locale = json_get(c, "locale");
    greet_Greeter *g = NULL;
    if (locale && locale->type == JSON_STRING) {
        greet_GreetError e;
        if (greet_Greeter_for_locale(locale->string, locale->length, &g, &e) != GREET_STATUS_OK) {
            greet_GreetError_free(&e);
            return false;
        }
    } else if (greet_Greeter_new(&g, NULL) != GREET_STATUS_OK) {
        return false;
    }
    size_t name_len = 0;
    char *name = json_get(c, "name") ? corpus_text(json_get(c, "name"), &name_len) : NULL;
    greet_string out = {0};
    if (strcmp(call, "Greeter.greet") == 0) {
        st = greeter_greet(g, name, name_len, &out, &err);
        ok = st == GREET_STATUS_OK && !want_error && text_is(out, expect);
    } else if (strcmp(call, "Greeter.greet_with") == 0) {
        /* The GreetOptions defaults: informal, no title, no "!". */
        const json_value *given = json_get(c, "options");
        greet_GreetOptions options = {.tone = GREET_TONE_INFORMAL, .title = {.is_some = false}, .exclaim = false};
        char *title = NULL;
        if (json_get(given, "tone")) {
            options.tone = corpus_tone(json_get(given, "tone"));
        }
        if (json_get(given, "title")) {
            size_t len;
            title = corpus_text(json_get(given, "title"), &len);
            options.title = (greet_opt_string){.is_some = true, .value = {.ptr = title, .len = len}};
        }
        if (json_get(given, "exclaim")) {
            options.exclaim = json_get(given, "exclaim")->boolean;
        }
        st = greet_Greeter_greet_with(g, name, name_len, &options, &out, &err);
        ok = st == GREET_STATUS_OK && !want_error && text_is(out, expect);
        free(title);
    } else if (strcmp(call, "Greeter.salute") == 0) {
        const json_value *sal = json_get(c, "salutation");
        greet_Salutation salutation;
        char *text = NULL;
        if (json_get(sal, "custom")) {
            size_t len;
            text = corpus_text(json_get(sal, "custom"), &len);
            salutation = (greet_Salutation){.tag = GREET_SALUTATION_CUSTOM, .custom = {.text = {text, len}}};
        } else {
            salutation = (greet_Salutation){.tag = GREET_SALUTATION_PHRASEBOOK, .phrasebook = {.tone = corpus_tone(json_get(sal, "phrasebook"))}};
        }
        st = greet_Greeter_salute(g, &salutation, name, name_len, &out, &err);
        ok = st == GREET_STATUS_OK && !want_error && text_is(out, expect);
        free(text);
    } else if (strcmp(call, "Greeter.greet_all") == 0) {
        const json_value *names = json_get(c, "names");
        greet_string *items = calloc(names->count + 1, sizeof *items);
        for (size_t i = 0; i < names->count; i++) {
            size_t len;
            items[i].ptr = corpus_text(names->items[i], &len);
            items[i].len = len;
        }
        greet_seq_string in = {items, names->count};
        greet_seq_string got;
        st = greet_Greeter_greet_all(g, &in, &got, &err);
        if (st == GREET_STATUS_OK && !want_error && got.len == expect->count) {
            ok = true;
            for (size_t i = 0; i < got.len; i++) {
                ok = ok && text_is(got.ptr[i], expect->items[i]);
            }
        }
        greet_seq_string_free(&got);
        for (size_t i = 0; i < names->count; i++) {
            free((char *)items[i].ptr);
        }
        free(items);
    } else {
        fprintf(stderr, "unknown call %s\n", call);
    }
    if (want_error) {
        ok = st == GREET_STATUS_ERROR && (int)err.tag == error_tag(want_error->string) && out.ptr == NULL;
    }
    greet_string_free(&out);
    greet_GreetError_free(&err);
    free(name);
    greet_Greeter_free(g);
    return ok;
}

static void test_corpus(const char *path) {
    size_t len;
    char *text = json_read_file(path, &len);
    if (!CHECK(text != NULL)) {
        fprintf(stderr, "cannot read the corpus %s\n", path);
        return;
    }
    char error[128];
    json_value *doc = json_parse(text, len, error, sizeof error);
    free(text);
    if (!CHECK(doc != NULL)) {
        fprintf(stderr, "corpus: %s\n", error);
        return;
    }
    uint32_t max = 0;
    CHECK(greet_max_name_length(&max, NULL) == GREET_STATUS_OK);
    CHECK(max == (uint32_t)json_get(doc, "max_name_length")->number);
    const json_value *cases = json_get(doc, "cases");
    size_t passed = 0;
    for (size_t i = 0; i < cases->count; i++) {
        bool ok = run_case(cases->items[i]);
        if (!CHECK(ok)) {
            fprintf(stderr, "  corpus case %s failed\n", json_get(cases->items[i], "id")->string);
        }
        passed += ok;
    }
    printf("corpus: %zu of %zu cases passed\n", passed, cases->count);
    json_free(doc);
}

/* ---- greet(): byte for byte ----------------------------------------------------------------- */

static void test_greet_function(void) {
    static const char *const odd[] = {"", "  padded\t", "a\0b", "\xF0\x9F\x98\x80\xF0\x9F\xA7\x91\xE2\x80\x8D\xF0\x9F\x9A\x80",
                                      "e\xCC\x81", "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D", "\xE2\x80\xAE" "evil"};
    static const size_t odd_len[] = {0, 9, 3, 15, 3, 8, 7};
    for (size_t i = 0; i < 7; i++) {
        for (size_t j = 0; j < 7; j++) {
            char want[64];
            size_t n = 0;
            memcpy(want + n, odd[i], odd_len[i]);
            n += odd_len[i];
            memcpy(want + n, ", ", 2);
            n += 2;
            memcpy(want + n, odd[j], odd_len[j]);
            n += odd_len[j];
            greet_string out;
            CHECK(greet_greet(odd[i], odd_len[i], odd[j], odd_len[j], &out, NULL) == GREET_STATUS_OK);
            CHECK(string_is(out, want, n));
            greet_string_free(&out);
            CHECK(out.ptr == NULL && out.len == 0); /* free zeroes it */
        }
    }
    /* NULL with length 0 is the empty string; out and out_error may be NULL. */
    greet_string out;
    CHECK(greet_greet(NULL, 0, LIT("x"), &out, NULL) == GREET_STATUS_OK && string_is_z(out, ", x"));
    greet_string_free(&out);
    CHECK(greet_greet(LIT("a"), LIT("b"), NULL, NULL) == GREET_STATUS_OK);

    /* A 1 MiB name of two-byte characters. */
    size_t big = (size_t)1 << 20;
    char *name = malloc(2 * big);
    for (size_t i = 0; i < big; i++) {
        name[2 * i] = (char)0xC3;
        name[2 * i + 1] = (char)0xBC; /* ü */
    }
    CHECK(greet_greet(LIT("Hi"), name, 2 * big, &out, NULL) == GREET_STATUS_OK);
    CHECK(out.len == 2 * big + 4 && memcmp(out.ptr, "Hi, ", 4) == 0 && memcmp(out.ptr + 4, name, 2 * big) == 0);
    greet_string_free(&out);
    free(name);
}

/* ---- invalid input: typed statuses, never undefined behaviour --------------------------------- */

static void test_invalid_utf8(void) {
    static const char *const bad[] = {"\xFF", "\xC0\xAF", "\xED\xA0\x80", "ok\xE2\x82", "\x80"};
    for (size_t i = 0; i < 5; i++) {
        greet_string out = {.ptr = "sentinel", .len = 8};
        greet_error err;
        greet_status st = greet_greet(bad[i], strlen(bad[i]), LIT("x"), &out, &err);
        CHECK(st == GREET_STATUS_INVALID_UTF8);
        CHECK(out.ptr == NULL && out.len == 0); /* zeroed on failure */
        CHECK(contains(err.message, "argument `greeting`") && contains(err.message, "UTF-8"));
        greet_error_free(&err);
    }
    greet_Greeter *g = new_greeter(NULL);
    greet_GreetError err;
    greet_string out;
    CHECK(greeter_greet(g, LIT("b\xFF"), &out, &err) == GREET_STATUS_INVALID_UTF8);
    CHECK(contains(err.message, "argument `name`"));
    greet_GreetError_free(&err);

    /* Inside a sequence: the item is named. */
    greet_string names[] = {{LIT("ann")}, {LIT("\xFE")}};
    greet_seq_string seq = {names, 2};
    greet_seq_string all;
    CHECK(greet_Greeter_greet_all(g, &seq, &all, &err) == GREET_STATUS_INVALID_UTF8);
    CHECK(contains(err.message, "item 1") && all.ptr == NULL);
    greet_GreetError_free(&err);

    /* Inside a record field and a union variant. */
    greet_GreetOptions options = {.tone = GREET_TONE_FORMAL, .title = {true, {LIT("Dr\xC3")}}, .exclaim = false};
    CHECK(greet_Greeter_greet_with(g, LIT("x"), &options, &out, &err) == GREET_STATUS_INVALID_UTF8);
    CHECK(contains(err.message, "field `title`"));
    greet_GreetError_free(&err);
    greet_Salutation sal = {.tag = GREET_SALUTATION_CUSTOM, .custom = {.text = {LIT("\xE0\x80\x80")}}};
    CHECK(greet_Greeter_salute(g, &sal, LIT("x"), &out, &err) == GREET_STATUS_INVALID_UTF8);
    greet_GreetError_free(&err);

    /* Nothing was called: nothing was counted. */
    CHECK(total_of(g) == 0);
    greet_Greeter_free(g);
}

static void test_invalid_arguments(void) {
    greet_error err;
    greet_GreetError gerr;
    greet_string out;
    /* NULL with a length. */
    CHECK(greet_greet(NULL, 3, LIT("x"), &out, &err) == GREET_STATUS_INVALID_ARGUMENT);
    CHECK(contains(err.message, "NULL pointer with length 3"));
    greet_error_free(&err);
    /* NULL objects and records. */
    CHECK(greet_Greeter_greet(NULL, LIT("x"), &out, &gerr) == GREET_STATUS_INVALID_ARGUMENT);
    CHECK(contains(gerr.message, "self"));
    greet_GreetError_free(&gerr);
    greet_Greeter *g = new_greeter("en");
    CHECK(greet_Greeter_greet_with(g, LIT("x"), NULL, &out, &gerr) == GREET_STATUS_INVALID_ARGUMENT);
    greet_GreetError_free(&gerr);
    /* Enum values out of range, in an argument, a field and a tag. */
    greet_string phrase;
    CHECK(greet_Locale_phrase(NULL, GREET_TONE_FORMAL, &phrase, &err) == GREET_STATUS_INVALID_ARGUMENT);
    greet_error_free(&err);
    greet_Locale *en = NULL;
    CHECK(greet_Greeter_locale(g, &en, NULL) == GREET_STATUS_OK);
    CHECK(greet_Locale_phrase(en, (greet_Tone)7, &phrase, &err) == GREET_STATUS_INVALID_ARGUMENT);
    CHECK(contains(err.message, "7 is not a greet_Tone"));
    greet_error_free(&err);
    greet_GreetOptions options = {.tone = (greet_Tone)-1, .title = {false, {NULL, 0}}, .exclaim = true};
    CHECK(greet_Greeter_greet_with(g, LIT("x"), &options, &out, &gerr) == GREET_STATUS_INVALID_ARGUMENT);
    greet_GreetError_free(&gerr);
    greet_Salutation sal = {.tag = (greet_Salutation_tag)9};
    CHECK(greet_Greeter_salute(g, &sal, LIT("x"), &out, &gerr) == GREET_STATUS_INVALID_ARGUMENT);
    CHECK(contains(gerr.message, "9 is not a greet_Salutation_tag"));
    greet_GreetError_free(&gerr);
    /* An optional object that says it is set but holds NULL. */
    greet_opt_Decorator none_really = {.is_some = true, .value = NULL};
    CHECK(greet_Greeter_set_decorator(g, &none_really, &err) == GREET_STATUS_INVALID_ARGUMENT);
    greet_error_free(&err);
    /* A foreign implementation needs every method. */
    static const greet_DecoratorVTable incomplete = {.free_user_data = NULL, .decorate = NULL};
    CHECK(greet_Decorator_new_foreign(&incomplete, NULL) == NULL);
    CHECK(greet_Decorator_new_foreign(NULL, NULL) == NULL);
    CHECK(total_of(g) == 0);
    greet_Locale_free(en);
    greet_Greeter_free(g);
}

/* ---- errors: every GreetError variant, with its fields ------------------------------------------ */

static void test_errors(void) {
    greet_Greeter *g = new_greeter(NULL);
    greet_GreetError err;
    greet_string out = {.ptr = "x", .len = 1};

    CHECK(greeter_greet(g, LIT(" \t"), &out, &err) == GREET_STATUS_ERROR);
    CHECK(err.tag == GREET_GREET_ERROR_EMPTY_NAME && string_is_z(err.empty_name.name, " \t"));
    CHECK(string_is_z(err.message, "GreetError::EmptyName") && out.ptr == NULL);
    greet_GreetError_free(&err);
    CHECK(err.message.ptr == NULL && err.empty_name.name.ptr == NULL); /* zeroed */

    uint32_t limit = 0;
    CHECK(greet_max_name_length(&limit, NULL) == GREET_STATUS_OK && limit == 256);
    char name[2 * 257];
    for (uint32_t i = 0; i < 257; i++) {
        name[2 * i] = (char)0xC3;
        name[2 * i + 1] = (char)0x9F; /* ß */
    }
    CHECK(greeter_greet(g, name, 2 * limit, &out, &err) == GREET_STATUS_OK);
    greet_string_free(&out);
    CHECK(greeter_greet(g, name, 2 * (limit + 1), &out, &err) == GREET_STATUS_ERROR);
    CHECK(err.tag == GREET_GREET_ERROR_NAME_TOO_LONG && err.name_too_long.length == limit + 1 && err.name_too_long.max == limit);
    greet_GreetError_free(&err);

    greet_Locale *loc = NULL;
    CHECK(greet_Locale_new(LIT("tlh"), &loc, &err) == GREET_STATUS_ERROR && loc == NULL);
    CHECK(err.tag == GREET_GREET_ERROR_UNKNOWN_LOCALE && string_is_z(err.unknown_locale.locale, "tlh"));
    greet_GreetError_free(&err);
    greet_Greeter *none = NULL;
    CHECK(greet_Greeter_for_locale(LIT(""), &none, &err) == GREET_STATUS_ERROR && none == NULL);
    CHECK(err.tag == GREET_GREET_ERROR_UNKNOWN_LOCALE && string_is_z(err.unknown_locale.locale, ""));
    greet_GreetError_free(&err);

    greet_Salutation sal = {.tag = GREET_SALUTATION_CUSTOM, .custom = {.text = {LIT("  ")}}};
    CHECK(greet_Greeter_salute(g, &sal, LIT("x"), &out, &err) == GREET_STATUS_ERROR && err.tag == GREET_GREET_ERROR_EMPTY_SALUTATION);
    greet_GreetError_free(&err);

    /* greet_all is all or nothing. */
    greet_string names[] = {{LIT("ann")}, {LIT("")}};
    greet_seq_string seq = {names, 2};
    greet_seq_string all;
    CHECK(greet_Greeter_greet_all(g, &seq, &all, &err) == GREET_STATUS_ERROR && err.tag == GREET_GREET_ERROR_EMPTY_NAME);
    greet_GreetError_free(&err);
    /* Only the one good greeting at the limit was counted. */
    CHECK(total_of(g) == 1);
    /* The error out-parameter may be NULL: the status still says what happened. */
    CHECK(greeter_greet(g, LIT(""), &out, NULL) == GREET_STATUS_ERROR);
    greet_Greeter_free(g);
}

/* ---- Greeter and Locale ------------------------------------------------------------------------- */

static void test_greeter_and_locale(void) {
    greet_Greeter *g = new_greeter("es");
    greet_string out;
    greet_GreetError err;
    CHECK(greeter_greet(g, LIT("amigo"), &out, &err) == GREET_STATUS_OK && string_is_z(out, "Hola, amigo"));
    greet_string_free(&out);
    greet_GreetOptions formal = {.tone = GREET_TONE_FORMAL, .title = {true, {LIT("Dra.")}}, .exclaim = true};
    CHECK(greet_Greeter_greet_with(g, LIT("Ruiz"), &formal, &out, &err) == GREET_STATUS_OK);
    CHECK(string_is_z(out, "\xC2\xA1" "Buenos d\xC3\xAD" "as, Dra. Ruiz!"));
    greet_string_free(&out);

    greet_Salutation custom = {.tag = GREET_SALUTATION_CUSTOM, .custom = {.text = {LIT("Aloha")}}};
    CHECK(greet_Greeter_salute(g, &custom, LIT("amigo"), &out, &err) == GREET_STATUS_OK && string_is_z(out, "Aloha, amigo"));
    greet_string_free(&out);

    greet_string names[] = {{LIT("ann")}, {LIT("bo")}, {LIT("ann")}};
    greet_seq_string seq = {names, 3};
    greet_seq_string all;
    CHECK(greet_Greeter_greet_all(g, &seq, &all, &err) == GREET_STATUS_OK && all.len == 3);
    CHECK(string_is_z(all.ptr[0], "Hola, ann") && string_is_z(all.ptr[1], "Hola, bo") && string_is_z(all.ptr[2], "Hola, ann"));
    greet_seq_string_free(&all);

    uint64_t n = 0;
    CHECK(greet_Greeter_count_for(g, LIT("ann"), &n, NULL) == GREET_STATUS_OK && n == 2);
    CHECK(greet_Greeter_count_for(g, LIT("nobody"), &n, NULL) == GREET_STATUS_OK && n == 0);
    CHECK(total_of(g) == 6);
    greet_map_string_u64 counts;
    CHECK(greet_Greeter_counts(g, &counts, NULL) == GREET_STATUS_OK && counts.len == 4);
    uint64_t sum = 0;
    for (size_t i = 0; i < counts.len; i++) {
        sum += counts.ptr[i].value;
        if (string_is_z(counts.ptr[i].key, "ann")) {
            CHECK(counts.ptr[i].value == 2);
        }
    }
    CHECK(sum == 6);
    greet_map_string_u64_free(&counts);

    /* The last greeting: an optional record with a timestamp. */
    greet_opt_Greeting last;
    time_t before = time(NULL);
    CHECK(greeter_greet(g, LIT("Zo\xC3\xAB"), &out, &err) == GREET_STATUS_OK);
    greet_string_free(&out);
    CHECK(greet_Greeter_last_greeting(g, &last, NULL) == GREET_STATUS_OK && last.is_some);
    CHECK(string_is_z(last.value.text, "Hola, Zo\xC3\xAB") && string_is_z(last.value.name, "Zo\xC3\xAB") && string_is_z(last.value.locale, "es"));
    CHECK(last.value.at.seconds >= before - 1 && last.value.at.seconds <= time(NULL) && last.value.at.nanos < 1000000000u);
    greet_opt_Greeting_free(&last);
    greet_Greeter *fresh = new_greeter(NULL);
    CHECK(greet_Greeter_last_greeting(fresh, &last, NULL) == GREET_STATUS_OK && !last.is_some);
    greet_opt_Greeting_free(&last);

    /* Display. */
    greet_Greeter *fr = new_greeter("fr");
    CHECK(greeter_greet(fr, LIT("ami"), &out, &err) == GREET_STATUS_OK);
    greet_string_free(&out);
    CHECK(greet_Greeter_to_string(fr, &out, NULL) == GREET_STATUS_OK && string_is_z(out, "Greeter(locale=fr, greeted=1)"));
    greet_string_free(&out);

    /* Locales: sorted, two right to left, compared and hashed by tag. */
    greet_seq_Locale locales;
    CHECK(greet_supported_locales(&locales, NULL) == GREET_STATUS_OK && locales.len >= 4);
    int rtl_count = 0;
    greet_string prev = {NULL, 0};
    for (size_t i = 0; i < locales.len; i++) {
        greet_string tag;
        bool rtl = false;
        CHECK(greet_Locale_tag(locales.ptr[i], &tag, NULL) == GREET_STATUS_OK);
        CHECK(greet_Locale_is_rtl(locales.ptr[i], &rtl, NULL) == GREET_STATUS_OK);
        if (rtl) {
            rtl_count++;
            CHECK(string_is_z(tag, "ar") || string_is_z(tag, "he"));
        }
        if (prev.ptr) {
            CHECK(strcmp(prev.ptr, tag.ptr) < 0);
        }
        greet_string_free(&prev);
        prev = tag;
    }
    greet_string_free(&prev);
    CHECK(rtl_count == 2);
    greet_seq_Locale_free(&locales);

    greet_Locale *a = NULL, *b = NULL, *he = NULL, *fr_loc = NULL;
    CHECK(greet_Locale_new(LIT("AR"), &a, &err) == GREET_STATUS_OK && greet_Locale_new(LIT("ar"), &b, &err) == GREET_STATUS_OK);
    CHECK(greet_Locale_new(LIT("he"), &he, &err) == GREET_STATUS_OK);
    bool eq = false, ne = true;
    uint64_t ha = 0, hb = 1;
    CHECK(greet_Locale_eq(a, b, &eq, NULL) == GREET_STATUS_OK && eq && a != b);
    CHECK(greet_Locale_ne(a, he, &ne, NULL) == GREET_STATUS_OK && ne);
    CHECK(greet_Locale_hash(a, &ha, NULL) == GREET_STATUS_OK && greet_Locale_hash(b, &hb, NULL) == GREET_STATUS_OK && ha == hb);
    CHECK(greet_Locale_to_string(a, &out, NULL) == GREET_STATUS_OK && string_is_z(out, "ar"));
    greet_string_free(&out);
    CHECK(greet_Locale_to_debug_string(a, &out, NULL) == GREET_STATUS_OK && string_is_z(out, "Locale(\"ar\")"));
    greet_string_free(&out);
    CHECK(greet_Locale_native_name(he, &out, NULL) == GREET_STATUS_OK && string_is_z(out, "\xD7\xA2\xD7\x91\xD7\xA8\xD7\x99\xD7\xAA"));
    greet_string_free(&out);
    CHECK(greet_Greeter_locale(fr, &fr_loc, NULL) == GREET_STATUS_OK);
    CHECK(greet_Locale_to_string(fr_loc, &out, NULL) == GREET_STATUS_OK && string_is_z(out, "fr"));
    greet_string_free(&out);

    /* A clone is another reference to the same object. */
    greet_Greeter *again = greet_Greeter_clone(g);
    CHECK(again != NULL && again != g && total_of(again) == total_of(g));
    greet_Greeter_free(g);
    CHECK(greeter_greet(again, LIT("x"), &out, &err) == GREET_STATUS_OK);
    greet_string_free(&out);
    CHECK(total_of(again) == 8);
    CHECK(greet_Greeter_clone(NULL) == NULL);

    greet_Locale_free(a);
    greet_Locale_free(b);
    greet_Locale_free(he);
    greet_Locale_free(fr_loc);
    greet_Greeter_free(again);
    greet_Greeter_free(fr);
    greet_Greeter_free(fresh);
    greet_Greeter_free(NULL);
}

/* ---- the foreign trait: Decorator implemented in C ------------------------------------------- */

typedef struct decorator_state {
    const char *mode; /* "shout", "refuse", "broken", "bad-utf8" */
    atomic_long calls;
    atomic_long freed;
} decorator_state;

static greet_status decorate(void *user_data, const char *greeting, size_t greeting_len, greet_string *out, greet_GreetError *out_error) {
    decorator_state *state = user_data;
    atomic_fetch_add(&state->calls, 1);
    if (strcmp(state->mode, "refuse") == 0) {
        out_error->tag = GREET_GREET_ERROR_DECORATOR_FAILED;
        out_error->decorator_failed.reason = greet_string_new(LIT("refused on purpose"));
        return GREET_STATUS_ERROR;
    }
    if (strcmp(state->mode, "broken") == 0) {
        out_error->message = greet_string_new(LIT("the C decorator broke"));
        return GREET_STATUS_PANIC;
    }
    if (strcmp(state->mode, "bad-utf8") == 0) {
        *out = greet_string_new(LIT("\xFF"));
        return GREET_STATUS_OK;
    }
    /* Shout: upper-case ASCII, then "!". */
    char *buf = malloc(greeting_len + 1);
    for (size_t i = 0; i < greeting_len; i++) {
        char c = greeting[i];
        buf[i] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
    }
    buf[greeting_len] = '!';
    *out = greet_string_new(buf, greeting_len + 1);
    free(buf);
    return GREET_STATUS_OK;
}

static void decorator_free(void *user_data) {
    decorator_state *state = user_data;
    atomic_fetch_add(&state->freed, 1);
}

static const greet_DecoratorVTable decorator_vtable = {.free_user_data = decorator_free, .decorate = decorate};

static void set_decorator(greet_Greeter *g, greet_Decorator *d) {
    greet_opt_Decorator opt = {.is_some = d != NULL, .value = d};
    CHECK(greet_Greeter_set_decorator(g, &opt, NULL) == GREET_STATUS_OK);
}

static void test_decorator(void) {
    decorator_state shout = {.mode = "shout"}, refuse = {.mode = "refuse"}, broken = {.mode = "broken"}, bad = {.mode = "bad-utf8"};
    greet_Greeter *g = new_greeter(NULL);
    greet_string out;
    greet_GreetError err;

    greet_Decorator *d = greet_Decorator_new_foreign(&decorator_vtable, &shout);
    CHECK(d != NULL && greet_Decorator_foreign_user_data(d) == &shout);
    set_decorator(g, d);
    CHECK(greeter_greet(g, LIT("bob"), &out, &err) == GREET_STATUS_OK && string_is_z(out, "HI, BOB!"));
    greet_string_free(&out);
    greet_Salutation yo = {.tag = GREET_SALUTATION_CUSTOM, .custom = {.text = {LIT("Yo")}}};
    CHECK(greet_Greeter_salute(g, &yo, LIT("al"), &out, &err) == GREET_STATUS_OK && string_is_z(out, "YO, AL!"));
    greet_string_free(&out);
    /* Called directly, through the library (C -> Rust -> C). */
    CHECK(greet_Decorator_decorate(d, LIT("hey"), &out, &err) == GREET_STATUS_OK && string_is_z(out, "HEY!"));
    greet_string_free(&out);
    CHECK(atomic_load(&shout.calls) == 3);
    /* The greeter holds its own reference: ours can go. */
    greet_Decorator_free(d);
    CHECK(atomic_load(&shout.freed) == 0);
    set_decorator(g, NULL);
    CHECK(atomic_load(&shout.freed) == 1); /* the last reference went with it */
    CHECK(greeter_greet(g, LIT("bob"), &out, &err) == GREET_STATUS_OK && string_is_z(out, "Hi, bob"));
    greet_string_free(&out);
    uint64_t n = 0;
    CHECK(greet_Greeter_count_for(g, LIT("bob"), &n, NULL) == GREET_STATUS_OK && n == 2);

    /* A declared error from C reaches the caller with its field. */
    d = greet_Decorator_new_foreign(&decorator_vtable, &refuse);
    set_decorator(g, d);
    greet_Decorator_free(d);
    CHECK(greeter_greet(g, LIT("x"), &out, &err) == GREET_STATUS_ERROR);
    CHECK(err.tag == GREET_GREET_ERROR_DECORATOR_FAILED && string_is_z(err.decorator_failed.reason, "refused on purpose"));
    greet_GreetError_free(&err);
    /* Any other failure becomes the component's DecoratorFailed, with the C message. */
    d = greet_Decorator_new_foreign(&decorator_vtable, &broken);
    set_decorator(g, d);
    greet_Decorator_free(d);
    CHECK(atomic_load(&refuse.freed) == 1);
    CHECK(greeter_greet(g, LIT("x"), &out, &err) == GREET_STATUS_ERROR);
    CHECK(err.tag == GREET_GREET_ERROR_DECORATOR_FAILED && contains(err.decorator_failed.reason, "the C decorator broke"));
    greet_GreetError_free(&err);
    /* A result that is not UTF-8 is refused too, not passed on. */
    d = greet_Decorator_new_foreign(&decorator_vtable, &bad);
    set_decorator(g, d);
    greet_Decorator_free(d);
    CHECK(greeter_greet(g, LIT("x"), &out, &err) == GREET_STATUS_ERROR);
    CHECK(err.tag == GREET_GREET_ERROR_DECORATOR_FAILED && contains(err.decorator_failed.reason, "UTF-8"));
    greet_GreetError_free(&err);
    /* bob twice, al once: failed greetings count nothing. */
    CHECK(total_of(g) == 3);
    greet_Greeter_free(g);
    /* Freeing the greeter released the last decorator. */
    CHECK(atomic_load(&broken.freed) == 1 && atomic_load(&bad.freed) == 1);
    CHECK(greet_Decorator_foreign_user_data(NULL) == NULL);
}

/* ---- threads ------------------------------------------------------------------------------------- */

#define THREADS 8
#define PER_THREAD 2000

typedef struct worker {
    greet_Greeter *shared;
    int index;
    long failures;
} worker;

static void *share_one_greeter(void *arg) {
    worker *w = arg;
    char name[8], want[16];
    snprintf(name, sizeof name, "n%d", w->index % 4);
    snprintf(want, sizeof want, "HI, N%d!", w->index % 4);
    for (int i = 0; i < PER_THREAD; i++) {
        greet_string out;
        greet_GreetError err;
        if (greeter_greet(w->shared, name, strlen(name), &out, &err) != GREET_STATUS_OK || !string_is_z(out, want)) {
            w->failures++;
        }
        greet_string_free(&out);
        greet_GreetError_free(&err);
    }
    return NULL;
}

/* Each thread makes and frees its own objects, and frees a clone made on another thread. */
static void *own_objects(void *arg) {
    worker *w = arg;
    for (int i = 0; i < 200; i++) {
        greet_Greeter *g = NULL;
        greet_GreetError err;
        if (greet_Greeter_for_locale(LIT("ja"), &g, &err) != GREET_STATUS_OK) {
            w->failures++;
            continue;
        }
        greet_string out;
        if (greeter_greet(g, LIT("\xE5\x8F\x8B\xE9\x81\x94"), &out, &err) != GREET_STATUS_OK ||
            !string_is_z(out, "\xE3\x82\x84\xE3\x81\x82\xE3\x80\x81\xE5\x8F\x8B\xE9\x81\x94")) {
            w->failures++;
        }
        greet_string_free(&out);
        greet_Locale *loc = NULL;
        if (greet_Greeter_locale(g, &loc, NULL) != GREET_STATUS_OK) {
            w->failures++;
        }
        greet_Locale_free(loc);
        greet_Greeter_free(g);
    }
    greet_Greeter_free(w->shared); /* a clone made by the main thread */
    return NULL;
}

static void test_threads(void) {
    decorator_state shout = {.mode = "shout"};
    greet_Greeter *g = new_greeter(NULL);
    greet_Decorator *d = greet_Decorator_new_foreign(&decorator_vtable, &shout);
    set_decorator(g, d);
    greet_Decorator_free(d);

    pthread_t threads[THREADS];
    worker workers[THREADS];
    for (int i = 0; i < THREADS; i++) {
        workers[i] = (worker){.shared = g, .index = i};
        CHECK(pthread_create(&threads[i], NULL, share_one_greeter, &workers[i]) == 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
        CHECK(workers[i].failures == 0);
    }
    CHECK(total_of(g) == THREADS * PER_THREAD);
    CHECK(atomic_load(&shout.calls) == THREADS * PER_THREAD);
    greet_map_string_u64 counts;
    CHECK(greet_Greeter_counts(g, &counts, NULL) == GREET_STATUS_OK && counts.len == 4);
    for (size_t i = 0; i < counts.len; i++) {
        CHECK(counts.ptr[i].value == 2 * PER_THREAD);
    }
    greet_map_string_u64_free(&counts);

    for (int i = 0; i < THREADS; i++) {
        workers[i] = (worker){.shared = greet_Greeter_clone(g), .index = i};
        CHECK(pthread_create(&threads[i], NULL, own_objects, &workers[i]) == 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
        CHECK(workers[i].failures == 0);
    }
    greet_Greeter_free(g);
    CHECK(atomic_load(&shout.freed) == 1);
}

/* ---- async: greet_later with a completion callback ----------------------------------------------- */

typedef struct pending {
    pthread_mutex_t lock;
    pthread_cond_t done;
    int remaining;
    long ok;
    long errors;
    /* Set (under the lock) once the call that will complete slot i has returned. */
    bool returned[20];
    long completed_before_return;
    greet_status last_status;
    int last_tag;
    char texts[20][32];
} pending;

typedef struct call_slot {
    pending *p;
    int index;
} call_slot;

static void on_greeted(void *callback_data, greet_status status, greet_string *result, greet_GreetError *error) {
    call_slot *slot = callback_data;
    pending *p = slot->p;
    pthread_mutex_lock(&p->lock);
    if (!p->returned[slot->index]) {
        p->completed_before_return++;
    }
    p->last_status = status;
    if (status == GREET_STATUS_OK && result->len < sizeof p->texts[0]) {
        memcpy(p->texts[slot->index], result->ptr, result->len + 1);
        p->ok++;
    } else {
        p->errors++;
        p->last_tag = status == GREET_STATUS_ERROR ? (int)error->tag : -1;
    }
    /* The callback owns both values. */
    greet_string_free(result);
    greet_GreetError_free(error);
    p->remaining--;
    pthread_cond_signal(&p->done);
    pthread_mutex_unlock(&p->lock);
}

static void wait_all(pending *p) {
    pthread_mutex_lock(&p->lock);
    while (p->remaining > 0) {
        pthread_cond_wait(&p->done, &p->lock);
    }
    pthread_mutex_unlock(&p->lock);
}

static void test_async(void) {
    pending p = {.lock = PTHREAD_MUTEX_INITIALIZER, .done = PTHREAD_COND_INITIALIZER, .remaining = 20};
    call_slot slots[20];
    greet_Greeter *g = new_greeter("ja");
    greet_duration delay = {.seconds = 0, .nanos = 100 * 1000 * 1000};
    /* Each call is made holding the lock its callback takes: a call that waited for its own
     * completion would be counted in completed_before_return (or never return). */
    for (int i = 0; i < 20; i++) {
        char name[8];
        snprintf(name, sizeof name, "n%d", i);
        slots[i] = (call_slot){&p, i};
        pthread_mutex_lock(&p.lock);
        greet_Greeter_greet_later(g, name, strlen(name), delay, on_greeted, &slots[i]);
        p.returned[i] = true;
        pthread_mutex_unlock(&p.lock);
    }
    wait_all(&p);
    CHECK(p.ok == 20 && p.errors == 0 && p.completed_before_return == 0);
    for (int i = 0; i < 20; i++) {
        char want[32];
        snprintf(want, sizeof want, "\xE3\x82\x84\xE3\x81\x82\xE3\x80\x81n%d", i);
        CHECK(strcmp(p.texts[i], want) == 0);
    }
    CHECK(total_of(g) == 20);

    /* The typed error arrives through the callback (here before the call returns). */
    p.remaining = 1;
    slots[0] = (call_slot){&p, 0};
    greet_Greeter_greet_later(g, LIT(""), (greet_duration){0, 0}, on_greeted, &slots[0]);
    wait_all(&p);
    CHECK(p.last_status == GREET_STATUS_ERROR && p.last_tag == GREET_GREET_ERROR_EMPTY_NAME);
    /* Invalid arguments too: the callback is still called exactly once. */
    p.remaining = 1;
    greet_Greeter_greet_later(g, LIT("x"), (greet_duration){0, 2000000000u}, on_greeted, &slots[0]);
    wait_all(&p);
    CHECK(p.last_status == GREET_STATUS_INVALID_ARGUMENT);
    p.remaining = 1;
    greet_Greeter_greet_later(g, LIT("\xFF"), (greet_duration){0, 0}, on_greeted, &slots[0]);
    wait_all(&p);
    CHECK(p.last_status == GREET_STATUS_INVALID_UTF8);
    p.remaining = 1;
    greet_Greeter_greet_later(NULL, LIT("x"), (greet_duration){0, 0}, on_greeted, &slots[0]);
    wait_all(&p);
    CHECK(p.last_status == GREET_STATUS_INVALID_ARGUMENT);
    CHECK(p.errors == 4 && total_of(g) == 20);
    /* The greeter may go before the call completes: the call holds its own reference. */
    p.remaining = 1;
    greet_Greeter_greet_later(g, LIT("late"), (greet_duration){0, 50 * 1000 * 1000}, on_greeted, &slots[1]);
    greet_Greeter_free(g);
    wait_all(&p);
    CHECK(p.last_status == GREET_STATUS_OK && strcmp(p.texts[1], "\xE3\x82\x84\xE3\x81\x82\xE3\x80\x81late") == 0);
    pthread_mutex_destroy(&p.lock);
    pthread_cond_destroy(&p.done);
}

/* ---- freeing is safe on zeroed and NULL values ---------------------------------------------------- */

static void test_free_zeroed(void) {
    greet_string s = {0};
    greet_string_free(&s);
    greet_string_free(NULL);
    greet_bytes b = greet_bytes_new((const uint8_t *)"\x00\x01", 2);
    CHECK(b.len == 2 && b.ptr[1] == 1);
    greet_bytes_free(&b);
    greet_bytes_free(&b);
    greet_error e = {0};
    greet_error_free(&e);
    greet_GreetError ge = {0};
    greet_GreetError_free(&ge);
    greet_seq_string seq = greet_seq_string_new(3);
    CHECK(seq.len == 3 && seq.ptr != NULL && seq.ptr[2].ptr == NULL);
    ((greet_string *)seq.ptr)[1] = greet_string_new(LIT("kept"));
    greet_seq_string_free(&seq);
    CHECK(seq.ptr == NULL && seq.len == 0);
    greet_seq_string_free(&seq);
    greet_map_string_u64 map = greet_map_string_u64_new(0);
    CHECK(map.ptr == NULL && map.len == 0);
    greet_map_string_u64_free(&map);
    greet_opt_Greeting og = {0};
    greet_opt_Greeting_free(&og);
    greet_Locale_free(NULL);
    greet_Decorator_free(NULL);
}

/* ---- a Rust panic (library built with greet's fault-injection feature) --------------------------- */

static void test_panic(void) {
    static const char magic[] = "greet-fault-injection:panic";
    greet_Greeter *g = new_greeter(NULL);
    greet_string out = {0};
    greet_GreetError err;
    CHECK(greeter_greet(g, LIT(magic), &out, &err) == GREET_STATUS_PANIC);
    CHECK(contains(err.message, "fault injection") && out.ptr == NULL);
    greet_GreetError_free(&err);
    /* The same greeter keeps working. */
    CHECK(greeter_greet(g, LIT("after"), &out, &err) == GREET_STATUS_OK && string_is_z(out, "Hi, after"));
    greet_string_free(&out);
    pending p = {.lock = PTHREAD_MUTEX_INITIALIZER, .done = PTHREAD_COND_INITIALIZER, .remaining = 1};
    call_slot slot = {&p, 0};
    greet_Greeter_greet_later(g, LIT(magic), (greet_duration){0, 0}, on_greeted, &slot);
    wait_all(&p);
    CHECK(p.last_status == GREET_STATUS_PANIC);
    CHECK(total_of(g) == 1);
    greet_Greeter_free(g);
    printf("panic: GREET_STATUS_PANIC, library still usable\n");
}

int main(int argc, char **argv) {
    {
        /* The library matches this header and its component. */
        greet_error err;
        if (greet_library_init(GREET_INTERFACE_FINGERPRINT, &err) != GREET_STATUS_OK) {
            fprintf(stderr, "greet_library_init: %.*s\n", (int)err.message.len, err.message.ptr);
            return 1;
        }
        greet_error_free(&err);
    }
    const char *corpus = argc > 1 ? argv[1] : getenv("GREET_CORPUS");
    test_corpus(corpus ? corpus : "tests/conformance/corpus.json");
    test_greet_function();
    test_invalid_utf8();
    test_invalid_arguments();
    test_errors();
    test_greeter_and_locale();
    test_decorator();
    test_threads();
    test_async();
    test_free_zeroed();
    const char *fault = getenv("GREET_C_FAULT");
    if (fault && strcmp(fault, "1") == 0) {
        test_panic();
    }
    return check_summary("test_greet");
}
