#ifndef SECUREGATE_MALLOC_TUNING_H
#define SECUREGATE_MALLOC_TUNING_H

/* glibc's malloc, tuned before main runs (Swift's Glibc module does not export mallopt, and a
   limit set once threads have started comes too late for their arenas). */

/* The arena limit applied at startup: 2 unless MALLOC_ARENA_MAX is set (then 0: glibc's own choice). */
int securegate_malloc_arena_limit(void);

/* The fixed mmap threshold applied at startup in bytes: 131072 unless MALLOC_MMAP_THRESHOLD_ is set (then 0). */
int securegate_malloc_mmap_threshold(void);

#endif
