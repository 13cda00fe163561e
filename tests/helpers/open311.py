"""The GeoReport v2 spec's fields of a service request, for the Open311 tests (JSON and XML)."""

# Fields that carry text when present.
TEXT_FIELDS = (
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
)
REQUEST_FIELDS = (
    *TEXT_FIELDS,
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
)
