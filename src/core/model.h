/* model.h - the records chequedesk keeps: branch, users, banks, bill types,
 * items (cheques and bagged bills) and bags. */
#ifndef CHEQUEDESK_MODEL_H
#define CHEQUEDESK_MODEL_H

#include <stdint.h>

#include "codeline.h"

#define USER_ID_MAX 16
#define NAME_MAX_BYTES 96 /* names: at most this many UTF-8 bytes */
#define NAME_MAX_CHARS 32 /* ... and this many characters */
#define PAYKEY_MAX 20
/* The payment password as kept and sent: Base64 of its SM2 ciphertext to
 * the centre's key (a 16-digit password makes about 160 characters). */
#define PAYKEY_SM2_MAX 255
#define ITEM_SERIAL_MAX 20 /* a bill's serial; a cheque's has 8 digits */
#define TIMESTAMP_LEN 32
#define DATE_LEN 11

enum role {
	ROLE_NONE = 0,
	ROLE_TELLER,
	ROLE_SUPERVISOR,
	ROLE_ADMIN, /* branch IT: users, printers, keys; no item work */
};

struct branch {
	char exchange_no[CODELINE_BANK_MAX + 1];
	char name[NAME_MAX_BYTES + 1];
	char created_at[TIMESTAMP_LEN];
};

struct user {
	char id[USER_ID_MAX + 1];
	char name[NAME_MAX_BYTES + 1];
	enum role role;
	char pw_hash[160];
	int active;
	int failed;			   /* wrong passwords in a row */
	char locked_at[TIMESTAMP_LEN];	   /* "" unless locked */
	int must_change;		   /* new or reset: change first */
	char pw_changed_at[TIMESTAMP_LEN]; /* for expiry */
	/* Dual control: who made the account, last reset its password and
	 * last unlocked it ("" for nobody); it may not authorise them. */
	char created_by[USER_ID_MAX + 1];
	char reset_by[USER_ID_MAX + 1];
	char unlocked_by[USER_ID_MAX + 1];
	int auth_wrong; /* wrong authorising passwords given */
	char auth_wrong_at[TIMESTAMP_LEN]; /* by this user, the last one */
	int auth_tried;			   /* wrong ones given for this user */
	char auth_tried_since[TIMESTAMP_LEN]; /* since (the first of them) */
};

struct bank {
	char number[CODELINE_BANK_MAX + 1];
	char name[NAME_MAX_BYTES * 2 + 1];
	int active;
};

struct bill_type {
	char code[3];
	char name_zh[NAME_MAX_BYTES + 1];
	char name_en[NAME_MAX_BYTES + 1];
	char dc;    /* 'D' or 'C' */
	int cheque; /* 1 for cheques registered with a code line */
};

enum item_kind { ITEM_CHEQUE, ITEM_BILL };

struct item {
	int64_t id;
	enum item_kind kind;
	char serial[ITEM_SERIAL_MAX + 1];
	char bank[CODELINE_BANK_MAX + 1];
	char account[CODELINE_ACCOUNT_MAX + 1];
	int64_t amount_fen;
	char type[3];
	char dc;
	char check_code[3];
	char phone[CODELINE_PHONE_MAX + 1];
	char paykey_sm2[PAYKEY_SM2_MAX + 1]; /* never the digits */
	char payee_account[CODELINE_ACCOUNT_MAX + 1];
	char payee_name[NAME_MAX_BYTES * 2 + 1];
	char business_date[DATE_LEN];
	int session;
	char status[16];
	char teller[USER_ID_MAX + 1];
	int64_t bag_id;	      /* 0 when not in a bag */
	int64_t duplicate_of; /* 0, or the item it was accepted as a dup of */
	char created_at[TIMESTAMP_LEN];
	int prints; /* times the code line was printed; >1 means reprints */
	char printed_at[TIMESTAMP_LEN];
	int64_t batch; /* the batch it went out in (batches.id), or 0 */
	int batch_ref; /* its ref within that batch */
	char
	    reason_code[40]; /* the centre's reason for a rejection or return */
	char reason[256];
};

enum bag_status { BAG_OPEN, BAG_SEALED };

struct bag {
	int64_t id;
	char business_date[DATE_LEN];
	int session;
	char bank[CODELINE_BANK_MAX + 1];
	char type[3];
	char dc;
	char status[8];
	char opened_by[USER_ID_MAX + 1];
	char created_at[TIMESTAMP_LEN];
	int64_t count;	    /* bills in the bag */
	int64_t amount_fen; /* their total */
	int prints;	    /* times the label was printed */
	char printed_at[TIMESTAMP_LEN];
	char sealed_at[TIMESTAMP_LEN];
	int64_t batch; /* the batch it went out in, or 0 */
};

/* Where an outgoing batch stands towards the centre. */
enum batch_state {
	BATCH_CLOSED,	 /* closed and signed, not sent yet */
	BATCH_UPLOADING, /* being sent, or to be sent again */
	BATCH_RECEIVED,	 /* the centre gave its receipt */
	BATCH_COMPLETE,	 /* every item has its answer */
	BATCH_FAILED,	 /* the centre refused the file */
	BATCH_STATES
};

/* The name a state is stored and shown in JSON under ("closed", ...),
 * and back (-1 for a name that is none). */
const char *batch_state_name(enum batch_state s);
int batch_state_parse(const char *name, enum batch_state *out);
/* The one table of the batch's moves: 1 when FROM may become TO. */
int batch_state_may(enum batch_state from, enum batch_state to);
/* 1 when a batch in state S is still to be sent (closed, uploading or
 * refused, to be sent again). */
int batch_state_to_send(enum batch_state s);

/* "teller" / "supervisor" / "administrator" (untranslated, as stored)
 * and back. */
const char *role_name(enum role role);
enum role role_parse(const char *name);

#endif
