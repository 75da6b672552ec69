/* grow.c - growing arrays by doubling. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

/* Room for NEED elements of SIZE bytes in *ARRAY. */
int grow(void *array, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 16;
	void *v, *nv;

	if (need <= *cap)
		return 0;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return -1;
		n *= 2;
	}
	if (size == 0 || n > SIZE_MAX / size)
		return -1;
	memcpy(&v, array, sizeof v);
	nv = realloc(v, n * size);
	if (nv == NULL)
		return -1;
	memcpy(array, &nv, sizeof nv);
	*cap = n;
	return 0;
}
