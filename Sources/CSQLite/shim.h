#ifndef MUTASIGRAPH_CSQLITE_SHIM_H
#define MUTASIGRAPH_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
