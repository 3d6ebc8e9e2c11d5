// greet() through the C header generated from greet.udl (generated/c/greet.h, libgreet_c),
// imported into Swift directly with a module map (module GreetC): the strings go in as UTF-8
// pointer + length, the result is copied into a Swift String and freed.
import GreetC

func greetC(_ greeting: String, _ name: String) -> String {
    var greeting = greeting, name = name
    var out = greet_string()
    let status = greeting.withUTF8 { g in
        name.withUTF8 { n in
            g.withMemoryRebound(to: CChar.self) { g in
                n.withMemoryRebound(to: CChar.self) { n in
                    greet_greet(g.baseAddress, g.count, n.baseAddress, n.count, &out, nil)
                }
            }
        }
    }
    precondition(status == GREET_STATUS_OK, "greet_greet failed with status \(status.rawValue)")
    defer { greet_string_free(&out) }
    return String(decoding: UnsafeRawBufferPointer(start: out.ptr, count: out.len), as: UTF8.self)
}

runBench("c", greetC)
