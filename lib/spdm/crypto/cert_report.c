// SPDX-License-Identifier: BSD-3-Clause
/* One-line details of certificate chain failures. */
#include <stdarg.h>
#include <stdio.h>

#include "cert_internal.h"

/* Room for a subject inside a detail line; longer ones are cut. */
#define SUBJECT_TEXT_SIZE 128

int spdm_chain_fail(struct spdm_chain_report *report, enum spdm_reason reason,
		    int error, const char *format, ...)
{
	va_list args;

	*report->reason = reason;
	if (report->detail && report->detail_size) {
		va_start(args, format);
		vsnprintf(report->detail, report->detail_size, format, args);
		va_end(args);
	}
	return error;
}

int spdm_chain_fail_cert(struct spdm_chain_report *report, size_t index,
			 enum spdm_reason reason, int error,
			 const char *format, ...)
{
	const struct spdm_cert_chain *chain = report->chain;
	char subject[SUBJECT_TEXT_SIZE];
	char check[256];
	va_list args;

	va_start(args, format);
	vsnprintf(check, sizeof(check), format, args);
	va_end(args);

	/* A cut subject still names the certificate well enough. */
	subject[0] = '\0';
	spdm_x509_name_string(X509_get_subject_name(chain->certs[index]),
			      subject, sizeof(subject));
	return spdm_chain_fail(report, reason, error,
			       "certificate %zu of %zu (%s): %s", index + 1,
			       chain->cert_count, subject, check);
}
