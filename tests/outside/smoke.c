/*
 * The C smoke test of scripts/test-outside.sh: the user's crate's C API, from the header the
 * CLI generated (bindings/c/inventory.h) and libinventory_c.
 *
 * inventory_library_init() first: exit 3 (message on stderr) when the library does not match
 * the header; then normalize_sku and the Stock object. Compile with -DKEEP_CASE=1 after the
 * signature change of the stale scenario.
 */
#include <stdio.h>
#include <string.h>

#include "inventory.h"

#ifndef KEEP_CASE
#define KEEP_CASE 0
#endif

static int fail(const char *what, inventory_status status, inventory_error *error) {
    fprintf(stderr, "%s: status %d: %.*s\n", what, (int)status, (int)error->message.len,
            error->message.ptr ? error->message.ptr : "");
    inventory_error_free(error);
    return 1;
}

int main(void) {
    inventory_error error = {0};
    inventory_status status = inventory_library_init(INVENTORY_INTERFACE_FINGERPRINT, &error);
    if (status != INVENTORY_STATUS_OK) {
        fprintf(stderr, "inventory_library_init: status %d: %.*s\n", (int)status,
                (int)error.message.len, error.message.ptr ? error.message.ptr : "");
        inventory_error_free(&error);
        return 3;
    }

    const char *raw = " ab ";
    inventory_string out = {0};
#if KEEP_CASE
    status = inventory_normalize_sku(raw, strlen(raw), true, &out, &error);
    const char *expected = "ab";
#else
    status = inventory_normalize_sku(raw, strlen(raw), &out, &error);
    const char *expected = "AB";
#endif
    if (status != INVENTORY_STATUS_OK) return fail("inventory_normalize_sku", status, &error);
    if (out.len != strlen(expected) || memcmp(out.ptr, expected, out.len) != 0) {
        fprintf(stderr, "normalize_sku(\" ab \") gave '%.*s', expected '%s'\n", (int)out.len, out.ptr, expected);
        return 1;
    }
    inventory_string_free(&out);

    inventory_Stock *stock = NULL, *same = NULL;
    if ((status = inventory_Stock_new(&stock, &error)) != INVENTORY_STATUS_OK) return fail("inventory_Stock_new", status, &error);
    if ((status = inventory_Stock_add(stock, "x", 1, &same, &error)) != INVENTORY_STATUS_OK) return fail("inventory_Stock_add", status, &error);
    uint32_t count = 0;
    if ((status = inventory_Stock_count(same, &count, &error)) != INVENTORY_STATUS_OK) return fail("inventory_Stock_count", status, &error);
    inventory_Stock_free(same);
    inventory_Stock_free(stock);
    if (count != 1) {
        fprintf(stderr, "Stock count %u, expected 1\n", count);
        return 1;
    }
    printf("ok: C: inventory_library_init, normalize_sku, Stock (Arc<Self> method)\n");
    return 0;
}
