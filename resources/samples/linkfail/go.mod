module example.com/linkfail

go 1.22
