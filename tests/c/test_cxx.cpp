// The generated C header from C++17: it must compile with -Wall -Wextra -Werror (extern "C"
// linkage, no C-only constructs), and its functions must link and work from C++ code. A
// small RAII wrapper shows how C++ owns what the C API returns.
#include "greet.h"

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

// A greet_string owned by C++: freed with greet_string_free when it goes out of scope.
struct OwnedString {
    greet_string s{nullptr, 0};
    ~OwnedString() { greet_string_free(&s); }
    std::string str() const { return std::string(s.ptr, s.len); }
};

struct GreeterDeleter {
    void operator()(greet_Greeter *g) const { greet_Greeter_free(g); }
};
using GreeterPtr = std::unique_ptr<greet_Greeter, GreeterDeleter>;

int failures = 0;

void check(bool ok, const char *what) {
    if (!ok) {
        std::fprintf(stderr, "test_cxx: check failed: %s\n", what);
        failures++;
    }
}

}  // namespace

int main() {
    const std::string greeting = "Salutations", name = "friend";
    OwnedString out;
    check(greet_greet(greeting.data(), greeting.size(), name.data(), name.size(), &out.s, nullptr) == GREET_STATUS_OK,
          "greet_greet succeeds");
    check(out.str() == "Salutations, friend", "greet_greet's result");

    greet_Greeter *raw = nullptr;
    greet_GreetError err;
    check(greet_Greeter_for_locale("ja", 2, &raw, &err) == GREET_STATUS_OK, "for_locale(ja)");
    GreeterPtr g(raw);

    // One greeter, four C++ threads.
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; t++) {
        threads.emplace_back([&g] {
            for (int i = 0; i < 100; i++) {
                OwnedString s;
                greet_GreetError e;
                if (greet_Greeter_greet(g.get(), "x", 1, &s.s, &e) != GREET_STATUS_OK) {
                    greet_GreetError_free(&e);
                }
            }
        });
    }
    for (auto &t : threads) {
        t.join();
    }
    uint64_t total = 0;
    check(greet_Greeter_total(g.get(), &total, nullptr) == GREET_STATUS_OK && total == 400, "400 greetings counted");

    // The declared error, its tag and field, from C++.
    OwnedString none;
    check(greet_Greeter_greet(g.get(), "", 0, &none.s, &err) == GREET_STATUS_ERROR, "empty name fails");
    check(err.tag == GREET_GREET_ERROR_EMPTY_NAME && err.empty_name.name.len == 0, "EmptyName with its name");
    greet_GreetError_free(&err);

    greet_GreetOptions options{};
    options.tone = GREET_TONE_FORMAL;
    options.title.is_some = true;
    options.title.value = greet_string{"Dr.", 3};
    options.exclaim = true;
    OwnedString formal;
    check(greet_Greeter_greet_with(g.get(), "Sato", 4, &options, &formal.s, &err) == GREET_STATUS_OK, "greet_with");
    check(formal.str() == "\xE3\x81\x93\xE3\x82\x93\xE3\x81\xAB\xE3\x81\xA1\xE3\x81\xAF\xE3\x80\x81" "Dr. Sato\xEF\xBC\x81",
          "greet_with's formal Japanese with title and exclamation");

    if (failures) {
        return 1;
    }
    std::printf("test_cxx: all checks passed\n");
    return 0;
}
