"""Interoperability in the standards hospital systems speak: DICOM (read, render, SR, DIMSE, DICOMweb),
HL7 v2.5.1 over MLLP, and FHIR R4 (R4B models).

Every module here is usable without the web service; the service composes them. Modules are imported
individually (``from radpilot.interop import hl7v2``) so that importing this package stays cheap.
"""
