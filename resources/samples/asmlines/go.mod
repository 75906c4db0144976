module example.com/asmlines

go 1.22
