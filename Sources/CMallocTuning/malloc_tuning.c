#include "malloc_tuning.h"

#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

static int applied_limit = 0;
static int applied_mmap_threshold = 0;

/* Runs before main and before any thread. */
__attribute__((constructor)) static void securegate_tune_malloc(void) {
#if defined(__GLIBC__)
    /* Every thread that allocates would otherwise get an arena of its own, up to 8 per core, and memory freed
       in one arena is not reused by another. */
    if (getenv("MALLOC_ARENA_MAX") == NULL && mallopt(M_ARENA_MAX, 2) == 1) {
        applied_limit = 2;
    }
    /* glibc raises its mmap threshold each time a large block is freed, up to 32 MiB, after which a large
       request or response body lands in an arena and its pages stay there. Fixed at glibc's starting value,
       such blocks are mapped for their lifetime and returned whole. */
    if (getenv("MALLOC_MMAP_THRESHOLD_") == NULL && mallopt(M_MMAP_THRESHOLD, 128 * 1024) == 1) {
        applied_mmap_threshold = 128 * 1024;
    }
#endif
}

int securegate_malloc_arena_limit(void) {
    return applied_limit;
}

int securegate_malloc_mmap_threshold(void) {
    return applied_mmap_threshold;
}
