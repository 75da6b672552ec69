/* printer.c - the job buffer and the table of command sets. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "printer.h"

static const struct cmdset *const cmdsets[] = {&cmdset_escp2, &cmdset_pr2};

const struct cmdset *cmdset_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof cmdsets / sizeof cmdsets[0]; i++)
		if (strcmp(cmdsets[i]->name, name) == 0)
			return cmdsets[i];
	return NULL;
}

void job_put(struct job *j, const void *bytes, size_t n)
{
	if (j->failed || n == 0)
		return;
	if (grow(&j->data, &j->cap, j->len + n, 1) != 0) {
		j->failed = 1;
		return;
	}
	memcpy(j->data + j->len, bytes, n);
	j->len += n;
}

void job_byte(struct job *j, unsigned char b)
{
	job_put(j, &b, 1);
}

void job_le16(struct job *j, unsigned v)
{
	job_byte(j, v & 0xff);
	job_byte(j, (v >> 8) & 0xff);
}

void job_seq(struct job *j, const struct profile_bytes *seq)
{
	job_put(j, seq->b, seq->n);
}

void job_free(struct job *j)
{
	free(j->data);
	memset(j, 0, sizeof *j);
}
