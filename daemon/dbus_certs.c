// SPDX-License-Identifier: BSD-3-Clause
/*
 * Certificate objects, /xyz/openbmc_project/certs/devices/<id>/slot<N>,
 * with xyz.openbmc_project.Certs.Certificate, and the object managers.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cert_info.h"
#include "dbus_objects.h"

static int append_pem_chain(sd_bus_message *reply,
			    const struct cert_object *cert)
{
	char *pem = cert_info_pem_chain(&cert->info, cert->slot_object);
	int ret;

	if (!pem)
		return -ENOMEM;
	ret = sd_bus_message_append(reply, "s", pem);
	free(pem);
	return ret;
}

/* Reads what publishing the chain parsed; nothing is parsed here. */
static int get_certificate_property(sd_bus *bus, const char *path,
				    const char *interface, const char *property,
				    sd_bus_message *reply, void *userdata,
				    sd_bus_error *error)
{
	const struct cert_object *cert = userdata;
	const struct cert_info *info = &cert->info;

	if (strcmp(property, "CertificateString") == 0)
		return append_pem_chain(reply, cert);
	if (strcmp(property, "Issuer") == 0)
		return sd_bus_message_append(reply, "s", info->issuer);
	if (strcmp(property, "Subject") == 0)
		return sd_bus_message_append(reply, "s", info->subject);
	if (strcmp(property, "KeyUsage") == 0)
		return sd_bus_message_append_strv(reply,
						  (char **)info->key_usage);
	if (strcmp(property, "ValidNotBefore") == 0)
		return sd_bus_message_append(reply, "t", info->not_before);
	return sd_bus_message_append(reply, "t", info->not_after);
}

#define EMITS SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE

static const sd_bus_vtable certificate_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_PROPERTY("CertificateString", "s", get_certificate_property, 0,
		    EMITS),
    SD_BUS_PROPERTY("KeyUsage", "as", get_certificate_property, 0, EMITS),
    SD_BUS_PROPERTY("Issuer", "s", get_certificate_property, 0, EMITS),
    SD_BUS_PROPERTY("Subject", "s", get_certificate_property, 0, EMITS),
    SD_BUS_PROPERTY("ValidNotAfter", "t", get_certificate_property, 0, EMITS),
    SD_BUS_PROPERTY("ValidNotBefore", "t", get_certificate_property, 0, EMITS),
    SD_BUS_VTABLE_END,
};

int dbus_add_object_managers(struct spdmd *daemon)
{
	int ret;

	ret = sd_bus_add_object_manager(daemon->bus, &daemon->manager_slot,
					SPDMD_ROOT_PATH);
	if (ret < 0)
		return ret;
	/* Certificates live outside the tree above; they get their own. */
	return sd_bus_add_object_manager(
	    daemon->bus, &daemon->certs_manager_slot, SPDMD_CERTS_ROOT_PATH);
}

static void cert_object_free(struct endpoint *endpoint, uint8_t slot)
{
	struct cert_object *cert = endpoint->certs[slot];

	if (!cert)
		return;
	if (cert->vtable_slot && !endpoint->daemon->stopping)
		sd_bus_emit_object_removed(endpoint->daemon->bus, cert->path);
	sd_bus_slot_unref(cert->vtable_slot);
	free(cert->path);
	free(cert->slot_object);
	cert_info_clear(&cert->info);
	free(cert);
	endpoint->certs[slot] = NULL;
}

static int cert_object_new(struct endpoint *endpoint, uint8_t slot,
			   struct cert_object **out)
{
	struct cert_object *cert = calloc(1, sizeof(*cert));
	int ret;

	if (!cert)
		return -ENOMEM;
	if (asprintf(&cert->path, "%s/%s/slot%u", SPDMD_CERTS_PATH,
		     endpoint->name, slot) < 0) {
		free(cert);
		return -ENOMEM;
	}
	ret = sd_bus_add_object_vtable(
	    endpoint->daemon->bus, &cert->vtable_slot, cert->path,
	    DBUS_CERTIFICATE, certificate_vtable, cert);
	if (ret < 0) {
		free(cert->path);
		free(cert);
		return ret;
	}
	*out = cert;
	return 0;
}

static bool same_chain(const struct cert_object *cert,
		       const uint8_t *slot_object, size_t size)
{
	return cert->size == size &&
	       memcmp(cert->slot_object, slot_object, size) == 0;
}

/* Takes over slot_object and info. */
static void set_chain(struct cert_object *cert, uint8_t *slot_object,
		      size_t size, uint32_t base_hash_algo,
		      struct cert_info *info)
{
	free(cert->slot_object);
	cert_info_clear(&cert->info);
	cert->slot_object = slot_object;
	cert->size = size;
	cert->base_hash_algo = base_hash_algo;
	cert->info = *info;
	memset(info, 0, sizeof(*info));
}

int dbus_cert_publish(struct endpoint *endpoint, uint8_t slot,
		      const uint8_t *slot_object, size_t size,
		      uint32_t base_hash_algo)
{
	struct cert_object *cert = endpoint->certs[slot];
	struct cert_info info;
	uint8_t *copy;
	int ret;

	if (cert && same_chain(cert, slot_object, size))
		return 0;
	/* Only chains whose certificates parse are published. */
	ret = cert_info_from_slot_object(slot_object, size, base_hash_algo,
					 &info);
	if (ret < 0)
		return ret;
	copy = malloc(size);
	if (!copy) {
		cert_info_clear(&info);
		return -ENOMEM;
	}
	memcpy(copy, slot_object, size);

	if (!cert) {
		ret = cert_object_new(endpoint, slot, &cert);
		if (ret < 0) {
			cert_info_clear(&info);
			free(copy);
			return ret;
		}
		endpoint->certs[slot] = cert;
		set_chain(cert, copy, size, base_hash_algo, &info);
		sd_bus_emit_object_added(endpoint->daemon->bus, cert->path);
		return 1;
	}
	set_chain(cert, copy, size, base_hash_algo, &info);
	sd_bus_emit_properties_changed(endpoint->daemon->bus, cert->path,
				       DBUS_CERTIFICATE, "CertificateString",
				       "KeyUsage", "Issuer", "Subject",
				       "ValidNotAfter", "ValidNotBefore", NULL);
	return 0;
}

void dbus_cert_remove_all(struct endpoint *endpoint)
{
	for (uint8_t slot = 0; slot < SPDM_MAX_SLOTS; slot++)
		cert_object_free(endpoint, slot);
}
