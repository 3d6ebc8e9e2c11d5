import Greet

print(greet(greeting: "Salutations", name: "friend"))
