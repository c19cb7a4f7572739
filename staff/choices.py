from django.db import models


class StaffRole(models.TextChoices):
    CLINICAL = "clinical", "Clinical"
    MEDICAL = "medical", "Medical"
    ADMISSIONS = "admissions", "Admissions"
    LEADERSHIP = "leadership", "Leadership"
