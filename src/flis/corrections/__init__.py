"""Corrections: answers to quality findings kept beside the delivered data, never written into it, and the
corrected track of key figures that compute makes from them. See docs/quality.md ("Corrections")."""

from flis.corrections.models import CorrectionKind, CorrectionStatus
from flis.corrections.store import (CorrectionRecord, CorrectionWithdrawn, ReasonMissing, UnknownCorrection,
                                    add_correction, corrections_in_force, get_correction, list_corrections,
                                    withdraw_correction)
from flis.corrections.validate import AggregateCorrection, InvalidCorrection, RowsCorrection

__all__ = ["CorrectionKind", "CorrectionStatus", "CorrectionRecord", "CorrectionWithdrawn", "ReasonMissing",
           "UnknownCorrection", "add_correction", "corrections_in_force", "get_correction", "list_corrections",
           "withdraw_correction", "AggregateCorrection", "InvalidCorrection", "RowsCorrection"]
