/* The shared library of the cgodeps sample (see main.go for how to build it). */
int gopsy_demo_answer(void) { return 42; }
