# The areas of anti-trafficking measures the report's tables and headings name (measure_areas in the config).
MEASURE_AREAS = ["legal_framework", "national_policy", "focal_point_mechanism", "social_delivery"]
