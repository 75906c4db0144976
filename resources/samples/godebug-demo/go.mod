module example.com/godebugdemo

go 1.22

godebug panicnil=1
