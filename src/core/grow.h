/* grow.h - the one way an array grows: by doubling, checked for overflow. */
#ifndef CHEQUEDESK_GROW_H
#define CHEQUEDESK_GROW_H

#include <stddef.h>

/* Make room for NEED elements of SIZE bytes in the array whose pointer is
 * at ARRAY (a `T **`), with *CAP elements allocated: doubled (from 16)
 * until NEED fit. 0, or -1 when out of memory or when the size would
 * overflow, and then the array and *CAP are as they were. */
int grow(void *array, size_t *cap, size_t need, size_t size);

/* grow for one more element after the N there are. */
#define GROW_ONE(array, cap, n) grow(&(array), &(cap), (n) + 1, sizeof *(array))

#endif
