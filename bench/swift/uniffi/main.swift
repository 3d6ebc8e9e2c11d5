// greet() through uniffi's generated Swift bindings (generated/swift, over libgreet).
import Greet

runBench("uniffi") { greeting, name in greet(greeting: greeting, name: name) }
