// The shim is header-only (static inline); SwiftPM needs one source file to build a C target.
#include "CPrefetch.h"
