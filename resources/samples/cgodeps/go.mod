module example.com/cgodeps

go 1.22
