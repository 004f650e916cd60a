import Web
print("x")
