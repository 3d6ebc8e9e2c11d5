import Greet

final class Shout: Decorator {
    func decorate(greeting: String) throws -> String { greeting.uppercased() }
}

print(greet(greeting: "Aloha", name: "amigo"))

let japanese = try Greeter.forLocale(tag: "ja")
print(try japanese.greet(name: "友達"))
print(try Greeter().greetWith(name: "Ruiz", options: GreetOptions(tone: .formal, title: "Dr.")))
print(try japanese.salute(salutation: .custom(text: "Hola"), name: "amigo"))
print(supportedLocales().map { $0.tag() }.joined(separator: ","))

let greeter = Greeter()
greeter.setDecorator(decorator: Shout())
print(try greeter.greet(name: "friend"))

do {
    _ = try Greeter.forLocale(tag: "xx")
    print("no error")
} catch GreetError.UnknownLocale(let locale) {
    print("unknown locale \(locale)")
}
