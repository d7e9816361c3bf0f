#ifndef MUTASIGRAPH_CGRAPHVIZ_SHIM_H
#define MUTASIGRAPH_CGRAPHVIZ_SHIM_H
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#endif
