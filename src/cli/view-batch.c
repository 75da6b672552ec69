/* view-batch.c - batches as text: the balance report shown before a close,
 * the batch table, and one batch's details. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "batch.h"
#include "desk-read.h"
#include "i18n.h"
#include "labels.h"
#include "money.h"
#include "out.h"
#include "view.h"

/* The bank's short name for a report row. */
static void bank_cell(struct desk *d, const char *number, char *buf, size_t len)
{
	struct bank b;
	struct cd_error e;

	if (desk_bank_get(d, number, &b, &e) == CD_OK)
		snprintf(buf, len, "%s %s", number, b.name);
	else
		snprintf(buf, len, "%s", number);
}

/* One row of the balance report. */
static void total_row(const char *label, const char *dc, int64_t count,
		      int64_t fen)
{
	char buf[32];

	out_printf(stdout, "  ");
	out_cell(stdout, label, 36, 0);
	out_printf(stdout, " ");
	out_cell(stdout, dc, 6, 0);
	snprintf(buf, sizeof buf, "%lld", (long long)count);
	out_cell(stdout, buf, 7, 1);
	out_printf(stdout, " ");
	view_amount_cell(fen, 18);
	out_printf(stdout, "\n");
}

/* The balance report of a batch about to be closed (or closed). */
void view_balance(struct desk *d, const struct batch *b)
{
	char name[256];
	size_t i, cheques = 0;

	out_printf(stdout,
		   _("Balance report for batch %s (session %d of %s)\n"),
		   b->h.batch_id, b->h.session, b->h.business_date);
	out_printf(stdout, "  ");
	out_cell(stdout, _("Destination bank"), 36, 0);
	out_printf(stdout, " ");
	out_cell(stdout, _("D/C"), 6, 0);
	out_cell(stdout, _("Count"), 7, 1);
	out_printf(stdout, " ");
	out_cell(stdout, _("Amount"), 18, 1);
	out_printf(stdout, "\n");
	for (i = 0; i < b->nby_bank; i++) {
		bank_cell(d, b->by_bank[i].bank, name, sizeof name);
		total_row(name, label_dc(b->by_bank[i].dc), b->by_bank[i].count,
			  b->by_bank[i].amount_fen);
	}
	total_row(_("Total debit"), "", b->debit.count, b->debit.amount_fen);
	total_row(_("Total credit"), "", b->credit.count, b->credit.amount_fen);
	total_row(_("All items"), "", b->all.count, b->all.amount_fen);
	cheques = b->ncheques;
	out_printf(stdout, P_("  %zu cheque", "  %zu cheques", cheques),
		   cheques);
	out_printf(stdout, P_(", %zu bill", ", %zu bills", b->nitems - cheques),
		   b->nitems - cheques);
	out_printf(stdout, P_(" in %zu bag.\n", " in %zu bags.\n", b->nbags),
		   b->nbags);
}

/* Column headings of the batch table. */
void view_batch_header(int amount_w)
{
	out_cell(stdout, _("Batch"), 20, 0);
	out_printf(stdout, " ");
	out_cell(stdout, _("State"), 10, 0);
	out_printf(stdout, " ");
	out_cell(stdout, _("Items"), 6, 1);
	out_printf(stdout, " ");
	out_cell(stdout, _("Amount"), amount_w, 1);
	out_printf(stdout, " ");
	out_cell(stdout, _("Answers"), 24, 0);
	out_printf(stdout, "\n");
}

/* "12 accepted, 1 rejected, 3 waiting" for a batch. */
static void answers(const struct batch_rec *b, char *buf, size_t len)
{
	/* TRANSLATORS: counts of a batch's items by the centre's answer;
	 * "ok" accepted, "rej" rejected, "ret" returned, "wait" not yet
	 * answered. Keep it short: the column is 24 wide. */
	snprintf(buf, len, _("%lld ok %lld rej %lld ret %lld wait"),
		 (long long)b->accepted, (long long)b->rejected,
		 (long long)b->returned, (long long)b->waiting);
}

/* One row of the batch table. */
void view_batch_row(const struct batch_rec *b, int amount_w)
{
	char buf[96];

	out_cell(stdout, b->batch_id, 20, 0);
	out_printf(stdout, " ");
	out_cell(stdout, batch_state_label(b->state), 10, 0);
	out_printf(stdout, " ");
	snprintf(buf, sizeof buf, "%lld", (long long)b->items);
	out_cell(stdout, buf, 6, 1);
	out_printf(stdout, " ");
	view_amount_cell(b->debit_fen + b->credit_fen, amount_w);
	out_printf(stdout, " ");
	answers(b, buf, sizeof buf);
	out_printf(stdout, "%s\n", buf);
}

/* Print "  LABEL  VALUE". */
static void field(const char *label, const char *value)
{
	out_printf(stdout, "  ");
	out_cell(stdout, label, 18, 0);
	putchar(' ');
	out_text(stdout, value);
	putchar('\n');
}

/* A batch's record: state, receipt, counts, last error. */
void view_batch_detail(const struct batch_rec *b)
{
	char buf[160], fig[MONEY_FIGURES_LEN];

	field(_("Batch"), b->batch_id);
	snprintf(buf, sizeof buf, _("%s, session %d"), b->business_date,
		 b->session);
	field(_("Business date"), buf);
	field(_("State"), batch_state_label(b->state));
	if (b->resend)
		field(_("Resend"), _("yes: replaces an earlier file"));
	snprintf(buf, sizeof buf, "%s  %s", b->closed_by, b->closed_at);
	field(_("Closed by"), buf);
	/* TRANSLATORS: the batch's item count, then how many of them are
	 * debits and their total, e.g. "5, debit 4 139,735.06". */
	snprintf(buf, sizeof buf, _("%lld, debit %lld %s"), (long long)b->items,
		 (long long)b->debit_count,
		 money_format(b->debit_fen, fig, sizeof fig));
	field(_("Items"), buf);
	snprintf(buf, sizeof buf, "%lld %s", (long long)b->credit_count,
		 money_format(b->credit_fen, fig, sizeof fig));
	field(_("Credit"), buf);
	field(_("Digest (SM3)"), b->digest);
	if (b->receipt[0]) {
		snprintf(buf, sizeof buf, "%s  %s", b->receipt, b->received_at);
		field(_("Receipt"), buf);
	}
	snprintf(buf, sizeof buf, "%d", b->attempts);
	field(_("Upload attempts"), buf);
	answers(b, buf, sizeof buf);
	field(_("Answers"), buf);
	if (b->last_error[0])
		field(_("Last problem"), b->last_error);
}
