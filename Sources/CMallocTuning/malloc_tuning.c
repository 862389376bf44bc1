#include "malloc_tuning.h"

#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

static int applied_limit = 0;

/* Runs before main and before any thread: every thread that allocates would otherwise get an arena of its
   own, up to 8 per core, and memory freed in one arena is not reused by another. */
__attribute__((constructor)) static void securegate_limit_malloc_arenas(void) {
#if defined(__GLIBC__)
    if (getenv("MALLOC_ARENA_MAX") == NULL && mallopt(M_ARENA_MAX, 2) == 1) {
        applied_limit = 2;
    }
#endif
}

int securegate_malloc_arena_limit(void) {
    return applied_limit;
}
