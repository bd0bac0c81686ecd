// SPDX-License-Identifier: BSD-3-Clause
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <spdm/reason.h>

#include "script.h"

/* Bound on the actions of one run, so a looping requester fails. */
#define MAX_ACTIONS 100000

size_t script_hex(const char *hex, uint8_t *out, size_t capacity)
{
	size_t count = 0;
	unsigned int byte;
	int consumed;

	while (sscanf(hex, " %2x%n", &byte, &consumed) == 1) {
		assert_true(count < capacity);
		out[count++] = (uint8_t)byte;
		hex += consumed;
	}
	return count;
}

static void check_request(const struct script *script,
			  const struct script_step *step,
			  const struct spdm_action *action)
{
	uint8_t expected[256];
	size_t length;

	assert_true(action->request_length >= 2);
	if (step->request_code && action->request[1] != step->request_code)
		fail_msg("step %zu: request %s (0x%02x), expected %s",
			 script->position,
			 spdm_message_name(action->request[1]),
			 action->request[1],
			 spdm_message_name(step->request_code));
	if (!step->request_hex)
		return;
	length = script_hex(step->request_hex, expected, sizeof(expected));
	assert_int_equal(action->request_length, length);
	assert_memory_equal(action->request, expected, length);
}

static void forward(struct script *script, struct spdm_requester *req,
		    const struct script_step *step,
		    const struct spdm_action *action)
{
	static uint8_t response[SPDM_RESPONDER_MAX_MESSAGE_SIZE];
	struct spdm_disposition disposition;
	size_t length = 0;

	if (!script->responder)
		fail_msg("step %zu: FORWARD without a responder",
			 script->position);
	assert_int_equal(spdm_responder_handle(script->responder,
					       action->request,
					       action->request_length,
					       response, sizeof(response),
					       &length, &disposition),
			 0);
	if (step && step->edit)
		step->edit(response, &length);
	if (!step && script->edit_rest &&
	    disposition.action == SPDM_DISPOSITION_SEND)
		script->edit_rest(script->forwarded++, response, &length);
	if (disposition.action == SPDM_DISPOSITION_CLOSE)
		spdm_requester_handle_link_lost(req);
	else if (disposition.action == SPDM_DISPOSITION_DROP)
		spdm_requester_handle_timeout(req);
	else
		spdm_requester_handle_response(req, response, length);
}

static void respond(struct spdm_requester *req,
		    const struct script_step *step)
{
	static uint8_t response[SPDM_RESPONDER_MAX_MESSAGE_SIZE];
	size_t length;

	if (!step->response_hex) {
		spdm_requester_handle_response(req, step->response,
					       step->response_length);
		return;
	}
	length = script_hex(step->response_hex, response, sizeof(response));
	spdm_requester_handle_response(req, response, length);
}

static void on_send(struct script *script, struct spdm_requester *req,
		    const struct spdm_action *action)
{
	const struct script_step *step = NULL;

	assert_true(script->requests < SCRIPT_MAX_REQUESTS);
	script->codes[script->requests++] = action->request[1];
	script->last_timeout_ms = action->timeout_ms;
	if (script->position < script->count)
		step = &script->steps[script->position++];
	else if (!script->forward_rest)
		fail_msg("request %s after the script ended",
			 spdm_message_name(action->request[1]));
	if (!step && script->fail_code &&
	    action->request[1] == script->fail_code) {
		if (script->fail_kind == SCRIPT_LINK_LOST)
			spdm_requester_handle_link_lost(req);
		else
			spdm_requester_handle_timeout(req);
		return;
	}
	if (!step) {
		forward(script, req, NULL, action);
		return;
	}

	check_request(script, step, action);
	switch (step->kind) {
	case SCRIPT_RESPOND:
		respond(req, step);
		break;
	case SCRIPT_FORWARD:
		forward(script, req, step, action);
		break;
	case SCRIPT_TIMEOUT:
		spdm_requester_handle_timeout(req);
		break;
	case SCRIPT_LINK_LOST:
		spdm_requester_handle_link_lost(req);
		break;
	case SCRIPT_WAIT:
		fail_msg("step %zu: request %s, expected a WAIT",
			 script->position - 1,
			 spdm_message_name(action->request[1]));
	}
}

static void on_wait(struct script *script, const struct spdm_action *action)
{
	const struct script_step *step;

	script->waits++;
	if (script->clock_ms)
		*script->clock_ms += action->delay_ms;
	if (script->position >= script->count) {
		if (!script->forward_rest)
			fail_msg("WAIT of %u ms after the script ended",
				 action->delay_ms);
		return;
	}
	step = &script->steps[script->position];
	if (step->kind != SCRIPT_WAIT) {
		/* Waits the script does not mention are allowed when forwarding. */
		if (script->forward_rest || step->kind == SCRIPT_FORWARD)
			return;
		fail_msg("step %zu: WAIT of %u ms, expected a request",
			 script->position, action->delay_ms);
	}
	script->position++;
	if (action->delay_ms < step->min_delay_ms)
		fail_msg("WAIT of %u ms, expected at least %u ms",
			 action->delay_ms, step->min_delay_ms);
}

void script_run(struct script *script, struct spdm_requester *req)
{
	struct spdm_action action;

	for (unsigned int i = 0; i < MAX_ACTIONS; i++) {
		spdm_requester_next(req, &action);
		switch (action.type) {
		case SPDM_ACTION_DONE:
			if (script->position != script->count)
				fail_msg("done after %zu of %zu steps (%s: %s)",
					 script->position, script->count,
					 spdm_reason_name(
						 spdm_requester_result(req)
							 ->reason),
					 spdm_requester_result(req)->detail);
			return;
		case SPDM_ACTION_WAIT:
			on_wait(script, &action);
			break;
		case SPDM_ACTION_SEND:
			on_send(script, req, &action);
			break;
		}
	}
	fail_msg("the requester did not finish in %d actions", MAX_ACTIONS);
}

const struct spdm_result *script_run_steps(struct spdm_requester *req,
					   const struct script_step *steps,
					   size_t count)
{
	struct script script = { .steps = steps, .count = count };

	script_run(&script, req);
	return spdm_requester_result(req);
}

struct spdm_requester *script_requester(
	const struct spdm_requester_config *config)
{
	struct spdm_requester_config defaults;
	struct spdm_requester *req;

	if (!config) {
		spdm_requester_config_default(&defaults);
		config = &defaults;
	}
	assert_int_equal(spdm_requester_new(config, &req), 0);
	return req;
}

void assert_reason(const struct spdm_result *result, enum spdm_reason reason)
{
	assert_true(result->done);
	assert_false(result->verified);
	if (result->reason != reason)
		fail_msg("reason %s (%s), expected %s",
			 spdm_reason_name(result->reason), result->detail,
			 spdm_reason_name(reason));
}
