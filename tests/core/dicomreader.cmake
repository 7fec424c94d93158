# DicomFileReader against pydicom's charset and test files (needs Debian's python3-pydicom).
lightbox_add_test(NAME tst_dicomreader SOURCES tst_dicomreader.cpp LIBS lightbox_dicom LABELS unit)
