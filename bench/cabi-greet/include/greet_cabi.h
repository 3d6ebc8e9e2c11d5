/* The C ABI of bench/cabi-greet (libcabi_greet.so): the seed blog post's CFFI header, with the
 * free function it lacked. Strings are NUL-terminated UTF-8.
 *
 * greet: returns a newly allocated "{greeting}, {name}", or NULL if an argument is NULL or not
 *        UTF-8. The caller owns the result and must release it with greet_free (not free()).
 * greet_free: releases a string returned by greet; NULL is ignored.
 */
char *greet(const char *greeting, const char *name);
void greet_free(char *greeting);
