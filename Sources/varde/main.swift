print("varde")
