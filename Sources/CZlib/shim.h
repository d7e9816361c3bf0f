#ifndef MUTASIGRAPH_CZLIB_SHIM_H
#define MUTASIGRAPH_CZLIB_SHIM_H
#include <zlib.h>
#endif
