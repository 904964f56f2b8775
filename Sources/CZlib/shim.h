// The system zlib (Debian: zlib1g-dev), for reading gzip-compressed rotated logs.
#include <zlib.h>
