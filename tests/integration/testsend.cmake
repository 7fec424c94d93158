# lightbox-testsend (the modality simulator) against a real lightbox, storescp, dcmdump and pydicom.
lightbox_add_test(NAME tst_testsend SOURCES tst_testsend.cpp LIBS lightbox_net lightbox_dicom Qt6::Core LABELS network)
add_dependencies(tst_testsend lightbox-testsend lightbox)
