// The declarations are in include/CFuzzerDriver.h; libFuzzer, linked by -sanitize=fuzzer, defines them.
#include "CFuzzerDriver.h"
