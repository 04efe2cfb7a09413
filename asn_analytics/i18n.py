"""The one translation table: every text a user reads, in Bahasa Indonesia and English."""

from __future__ import annotations

LANGUAGES = ("id", "en")
# Month names as dates and month axes write them (31 Des 2025, Mei 2024).
MONTHS = {
    "id": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}

TEXT: dict[str, dict[str, str]] = {
    "db.locked": {
        "id": "Basis data {path} sedang dipakai proses lain{pid}; tutup proses itu lalu coba lagi.",
        "en": "The database {path} is in use by another process{pid}; close it and try again.",
    },
    "db.not_found": {
        "id": "Basis data {path} tidak ditemukan; buat dengan 'python -m asn_analytics init' "
        "atau 'python -m asn_analytics demo'.",
        "en": "Database {path} not found; create it with 'python -m asn_analytics init' "
        "or 'python -m asn_analytics demo'.",
    },
    "db.newer_schema": {
        "id": "Basis data {path} memakai skema versi {found}, lebih baru dari versi aplikasi ini "
        "({known}); perbarui aplikasi.",
        "en": "Database {path} uses schema version {found}, newer than this application knows "
        "({known}); update the application.",
    },
    "cli.init_done": {
        "id": "Basis data kosong dibuat: {path} (skema versi {version}).",
        "en": "Empty database created: {path} (schema version {version}).",
    },
    "cli.init_exists": {
        "id": "Basis data sudah ada: {path} (skema versi {version}).",
        "en": "Database already exists: {path} (schema version {version}).",
    },
    "cli.demo_done": {
        "id": "Basis data demo (sintetis) ditulis ke {path} dalam {seconds:.1f} detik: {summary}.",
        "en": "Demo (synthetic) database written to {path} in {seconds:.1f} s: {summary}.",
    },
    "cli.demo_exists": {
        "id": "{path} sudah ada; pakai --force untuk menimpanya.",
        "en": "{path} already exists; use --force to overwrite it.",
    },
    "cli.password": {"id": "Kata sandi: ", "en": "Password: "},
    "cli.password_again": {"id": "Ulangi kata sandi: ", "en": "Password again: "},
    "cli.password_mismatch": {
        "id": "Kedua kata sandi tidak sama; akun tidak dibuat.",
        "en": "The passwords differ; no account created.",
    },
    "cli.bad_map": {
        "id": "--map '{value}' tidak valid; tulis JUDUL_KOLOM=KOLOM, mis. 'U8=u_sarana'.",
        "en": "--map '{value}' is not valid; write HEADER=COLUMN, e.g. 'U8=u_sarana'.",
    },
    "cli.bad_answers": {
        "id": "--answers '{value}' tidak valid; tulis JAWABAN=NILAI dipisah koma, mis. "
        "'1=1,2=2,3=3,4=4,5=4'.",
        "en": "--answers '{value}' is not valid; write ANSWER=VALUE separated by commas, e.g. "
        "'1=1,2=2,3=3,4=4,5=4'.",
    },
    "cli.bad_map_unit": {
        "id": "--map-unit '{value}' tidak valid; tulis NAMA=UNIT_ID, mis. "
        "'RSUD Sawahlunto=1373:rumah sakit umum daerah'.",
        "en": "--map-unit '{value}' is not valid; write NAME=UNIT_ID, e.g. "
        "'RSUD Sawahlunto=1373:rumah sakit umum daerah'.",
    },
    "cli.accounts_saved": {"id": "Akun disimpan di {path}.", "en": "Accounts saved in {path}."},
    "cli.metric_unknown": {
        "id": "Indikator '{name}' tidak dikenal. Yang tersedia: {known}.",
        "en": "Unknown indicator '{name}'. Available: {known}.",
    },
    "app.demo_banner": {
        "id": "Data demo (sintetis): angka-angka ini bukan data nyata pemerintah daerah mana pun.",
        "en": "Demo data (synthetic): these figures are not the real data of any region.",
    },
    "app.generating_demo": {
        "id": "Basis data belum ada: membuat basis data demo (sintetis)…",
        "en": "No database yet: generating the demo (synthetic) database…",
    },
    "app.preparing_summaries": {
        "id": "Menyiapkan tabel ringkasan untuk data ini (sekali saja)…",
        "en": "Preparing the summary tables for this data (once)…",
    },
    "app.data_as_of": {"id": "Data per {date}", "en": "Data as of {date}"},
    "app.unexpected_error": {
        "id": "Terjadi kesalahan tak terduga (kode {id}). Muat ulang halaman; bila berulang, "
        "sampaikan kode ini ke admin.",
        "en": "An unexpected error occurred (code {id}). Reload the page; if it happens again, "
        "give this code to an administrator.",
    },
    "page.overview": {"id": "Ringkasan", "en": "Overview"},
    "page.performance": {"id": "Kinerja", "en": "Performance"},
    "page.training": {"id": "Pengembangan Kompetensi", "en": "Competency Development"},
    "page.complaints": {"id": "Pengaduan & Kepuasan", "en": "Complaints & Satisfaction"},
    "page.compare": {"id": "Perbandingan Wilayah", "en": "Region Comparison"},
    "accounts.empty_user": {"id": "Nama akun kosong.", "en": "The account name is empty."},
    "accounts.short_password": {
        "id": "Kata sandi minimal {minimum} karakter.",
        "en": "The password needs at least {minimum} characters.",
    },
    "accounts.exists": {"id": "Akun {user} sudah ada.", "en": "Account {user} already exists."},
    "accounts.unknown": {"id": "Akun {user} tidak ada.", "en": "There is no account {user}."},
    "accounts.locked": {
        "id": "Akun dikunci setelah {n} kali gagal masuk, sampai {until} (sekitar {minutes} menit "
        "lagi).",
        "en": "The account is locked after {n} failed sign-ins, until {until} (about {minutes} "
        "minutes from now).",
    },
    "accounts.bad_credentials": {
        "id": "Nama akun atau kata sandi salah.",
        "en": "Wrong account name or password.",
    },
    "accounts.bad_role": {
        "id": "Peran {role} tidak dikenal; pilih salah satu: {roles}.",
        "en": "Unknown role {role}; choose one of: {roles}.",
    },
    "accounts.no_regions": {
        "id": "Sebutkan kode wilayah yang diberikan, atau all.",
        "en": "Name the region codes granted, or all.",
    },
    "accounts.unknown_region": {
        "id": "Kode wilayah {codes} tidak ada di basis data; wilayah yang dikenal: {known}.",
        "en": "Region code {codes} is not in the database; known regions: {known}.",
    },
    "auth.sign_in": {"id": "Masuk", "en": "Sign in"},
    "auth.sign_in_provider": {
        "id": "Masuk dengan akun instansi",
        "en": "Sign in with your account",
    },
    "auth.user": {"id": "Nama akun", "en": "Account"},
    "auth.password": {"id": "Kata sandi", "en": "Password"},
    "auth.sign_out": {"id": "Keluar", "en": "Sign out"},
    "auth.sign_out_as": {"id": "Keluar ({user})", "en": "Sign out ({user})"},
    "auth.no_access": {
        "id": "Akun {email} belum diberi akses. Hubungi admin BKPSDM.",
        "en": "The account {email} has no access yet. Ask an administrator.",
    },
    "auth.no_regions": {
        "id": "Akun ini tidak diberi akses ke wilayah mana pun yang ada di basis data.",
        "en": "This account is not granted any region in the database.",
    },
    "auth.demo_open": {
        "id": "Belum ada akun: data demo dibuka tanpa masuk, sebagai petugas semua wilayah.",
        "en": "No accounts yet: the demo data are open without sign-in, as an officer of every "
        "region.",
    },
    "auth.first_admin": {
        "id": "Basis data ini belum punya akun. Buat admin pertama di server (akun disimpan di "
        "{path}), lalu muat ulang halaman:",
        "en": "This database has no accounts yet. Create the first admin on the server (accounts "
        "live in {path}), then reload the page:",
    },
    "auth.forbidden": {
        "id": "Halaman ini hanya untuk petugas data dan admin.",
        "en": "This page is for data officers and administrators only.",
    },
    "page.upload": {"id": "Unggah Data", "en": "Upload Data"},
    "page.history": {"id": "Riwayat Impor", "en": "Import History"},
    "nav.dashboard": {"id": "Dasbor", "en": "Dashboard"},
    "nav.data": {"id": "Data", "en": "Data"},
    "upload.caption": {
        "id": "Unggah ekspor CSV atau Excel apa adanya (SIASN, e-Kinerja, SP4N-LAPOR!, survei "
        "kepuasan). Periksa hasil deteksi dan validasi, lalu impor.",
        "en": "Upload CSV or Excel exports as they are (SIASN, e-Kinerja, SP4N-LAPOR!, "
        "satisfaction surveys). Check what was detected and validated, then import.",
    },
    "upload.dataset": {"id": "Jenis data", "en": "Dataset"},
    "upload.columns_help": {
        "id": "Kolom yang dikenali untuk jenis data ini",
        "en": "Columns recognised for this dataset",
    },
    "upload.files": {"id": "Berkas (CSV atau XLSX)", "en": "Files (CSV or XLSX)"},
    "upload.empty": {
        "id": "Pilih satu atau beberapa berkas ekspor (SIASN, e-Kinerja, LAPOR!, SKM). Untuk "
        "mengisi sendiri, pilih jenis data di atas dan unduh templatnya.",
        "en": "Choose one or more export files (SIASN, e-Kinerja, LAPOR!, SKM). To fill one in "
        "yourself, choose the kind of data above and download its template.",
    },
    "upload.template_xlsx": {"id": "Unduh templat (Excel)", "en": "Download template (Excel)"},
    "upload.template_csv": {"id": "Unduh templat (CSV)", "en": "Download template (CSV)"},
    "upload.same_file": {
        "id": "Berkas yang sama dua kali: {files}. Hanya {first} yang diperiksa dan diimpor.",
        "en": "The same file twice: {files}. Only {first} is checked and imported.",
    },
    "upload.already_imported": {
        "id": "{file}: berkas yang sama sudah diimpor pada {date}, batch {batch}. Tidak akan "
        "diimpor lagi; batalkan batch {batch} di Riwayat Impor untuk mengimpornya ulang.",
        "en": "{file}: the same file was already imported on {date}, batch {batch}. It will not "
        "be imported again; undo batch {batch} in Import History to import it anew.",
    },
    "upload.file_error": {
        "id": "{file}: berkas ini tidak bisa diproses karena kesalahan tak terduga (kode {id}).",
        "en": "{file}: this file could not be processed because of an unexpected error "
        "(code {id}).",
    },
    "upload.units_title": {
        "id": "Unit kerja baru yang mirip unit yang sudah ada",
        "en": "New units that look like existing units",
    },
    "upload.units_caption": {
        "id": "Pilih unit yang sudah ada bila namanya hanya ditulis lain; pilihan ini diingat "
        "untuk impor berikutnya di wilayah yang sama.",
        "en": "Choose the existing unit when the name is only written differently; the choice "
        "is remembered for later imports in the same region.",
    },
    "upload.unit_suggestion": {
        "id": "Unit baru '{name}' ({region}) — mungkin maksudnya: {candidates}?",
        "en": "New unit '{name}' ({region}) — did you mean: {candidates}?",
    },
    "upload.unit_create": {"id": "Buat unit baru '{name}'", "en": "Create new unit '{name}'"},
    "upload.detected_dataset": {"id": "Jenis data", "en": "Dataset"},
    "upload.encoding": {"id": "Pengodean", "en": "Encoding"},
    "upload.delimiter": {"id": "Pemisah", "en": "Delimiter"},
    "upload.decimal": {"id": "Desimal", "en": "Decimal"},
    "upload.header_row": {"id": "Baris judul", "en": "Header row"},
    "upload.date_formats": {"id": "Format tanggal:", "en": "Date formats:"},
    "upload.file_header": {"id": "Judul kolom di berkas", "en": "Header in the file"},
    "upload.maps_to": {"id": "Menjadi kolom (* wajib)", "en": "Maps to (* required)"},
    "upload.missing": {
        "id": "Kolom wajib tidak ditemukan: {columns}. Pilih kolom berkas yang sesuai di atas.",
        "en": "Required columns not found: {columns}. Map a file column to them above.",
    },
    "upload.preview": {
        "id": "Pratinjau baris seperti akan disimpan",
        "en": "Preview of the rows as they will be stored",
    },
    "upload.rows_fine": {"id": "Baris baik", "en": "Rows fine"},
    "upload.rows_rejected": {"id": "Baris ditolak", "en": "Rows rejected"},
    "upload.rows_warned": {"id": "Peringatan", "en": "Warnings"},
    "upload.rejects": {
        "id": "Baris ditolak dan peringatan",
        "en": "Rejected rows and warnings",
    },
    "upload.import": {"id": "Impor", "en": "Import"},
    "upload.importing": {"id": "Mengimpor…", "en": "Importing…"},
    "upload.stage": {
        "id": "{file}: memvalidasi dan menulis {rows} baris…",
        "en": "{file}: validating and writing {rows} rows…",
    },
    "upload.rejects_all": {
        "id": "Semua {count} masalah, baris per baris",
        "en": "All {count} issues, row by row",
    },
    "upload.reading": {
        "id": "{file}: {rows} baris dibaca…",
        "en": "{file}: {rows} rows read…",
    },
    "upload.cancel": {"id": "Batalkan pembacaan", "en": "Cancel reading"},
    "upload.answers_title": {
        "id": "Pemetaan jawaban ke skala 1-4",
        "en": "Answers mapped to the 1-4 scale",
    },
    "upload.answers_caption": {
        "id": "Jawaban survei ini sampai {highest}. Tetapkan nilai 1-4 tiap jawaban (1 tidak "
        "baik ... 4 sangat baik); usulan di bawah meregangkan skala berkas ke 1-4. Pemetaan "
        "dicatat di laporan impor.",
        "en": "This survey's answers go up to {highest}. Set each answer's value on 1-4 (1 poor "
        "... 4 very good); the proposal below stretches the file's scale onto 1-4. The mapping is "
        "noted in the import report.",
    },
    "upload.answer": {"id": "Jawaban {answer}", "en": "Answer {answer}"},
    "upload.answers_apply": {"id": "Pakai pemetaan ini", "en": "Use this mapping"},
    "upload.answers_used": {
        "id": "Jawaban dipetakan ke skala 1-4: {pairs}",
        "en": "Answers mapped to the 1-4 scale: {pairs}",
    },
    "upload.cancelled": {
        "id": "{file}: pembacaan dibatalkan; tidak ada yang diperiksa atau disimpan.",
        "en": "{file}: reading was cancelled; nothing was checked or written.",
    },
    "upload.read_again": {"id": "Baca lagi", "en": "Read again"},
    "upload.done": {"id": "Impor selesai", "en": "Import finished"},
    "upload.result": {
        "id": "{file} (batch {batch}): {inserted} baru, {updated} diperbarui, {unchanged} sama, "
        "{rejected} ditolak. Semua halaman kini memakai data ini.",
        "en": "{file} (batch {batch}): {inserted} new, {updated} updated, {unchanged} unchanged, "
        "{rejected} rejected. Every page now uses these data.",
    },
    "history.caption": {
        "id": "Setiap impor adalah satu batch. Impor terakhir setiap jenis data dapat dibatalkan.",
        "en": "Every import is a batch. The latest import of each dataset can be undone.",
    },
    "history.none": {"id": "Belum ada impor.", "en": "No imports yet."},
    "history.rejects_title": {
        "id": "Baris ditolak dan peringatan per batch",
        "en": "Rejected rows and warnings per batch",
    },
    "history.batch": {"id": "Batch", "en": "Batch"},
    "history.batch_label": {"id": "#{batch} · {file}", "en": "#{batch} · {file}"},
    "history.no_rejects": {
        "id": "Batch ini tidak punya baris ditolak atau peringatan.",
        "en": "This batch has no rejected rows or warnings.",
    },
    "history.undo_title": {"id": "Batalkan impor", "en": "Undo an import"},
    "history.undo_caption": {
        "id": "Membatalkan mengembalikan basis data persis seperti sebelum batch itu.",
        "en": "Undo restores the database exactly as it was before the batch.",
    },
    "history.nothing_to_undo": {
        "id": "Tidak ada impor yang dapat dibatalkan.",
        "en": "There is no import to undo.",
    },
    "history.undo_button": {
        "id": "Batalkan {dataset}: batch #{batch} ({file})",
        "en": "Undo {dataset}: batch #{batch} ({file})",
    },
    "history.confirm": {
        "id": "Yakin membatalkan batch #{batch} ({file})?",
        "en": "Undo batch #{batch} ({file})?",
    },
    "history.confirm_yes": {"id": "Ya, batalkan", "en": "Yes, undo"},
    "history.confirm_no": {"id": "Tidak", "en": "No"},
    "history.freshness_title": {
        "id": "Kemutakhiran data per jenis dan wilayah",
        "en": "Data freshness per dataset and region",
    },
    "file.rejects": {"id": "baris-ditolak", "en": "rejected-rows"},
    "file.template": {"id": "templat", "en": "template"},
    "file.issues": {"id": "ringkasan-masalah-impor", "en": "import-issue-summary"},
    "file.batches": {"id": "riwayat-impor", "en": "import-history"},
    "file.freshness": {"id": "kemutakhiran-data", "en": "data-freshness"},
    "filter.title": {"id": "Pilihan", "en": "Selection"},
    "filter.regions": {"id": "Wilayah", "en": "Regions"},
    "filter.regions_placeholder": {
        "id": "Semua wilayah — ketik untuk mencari",
        "en": "All regions — type to search",
    },
    "filter.all_regions": {"id": "semua wilayah", "en": "all regions"},
    "filter.years": {"id": "Tahun", "en": "Years"},
    "filter.unit": {"id": "Unit kerja", "en": "Work unit"},
    "filter.all_units": {"id": "Semua unit", "en": "All units"},
    "filter.unit_help": {
        "id": "Memilih OPD mencakup semua unit di bawahnya (OPD › unit).",
        "en": "Choosing an OPD includes every unit beneath it (OPD › unit).",
    },
    "opd.open": {"id": "Buka OPD untuk melihat unit-unitnya", "en": "Open an OPD to see its units"},
    "opd.all": {"id": "Semua OPD", "en": "All OPDs"},
    "opd.choose_region": {
        "id": "{n} OPD: pilih wilayah lebih dulu untuk membuka satu OPD.",
        "en": "{n} OPDs: choose a region first to open one.",
    },
    "opd.units_of": {"id": "Unit di bawah {opd}", "en": "Units of {opd}"},
    "filter.units_choose_region": {
        "id": "Unit kerja: pilih wilayah lebih dulu untuk memilih satu unit.",
        "en": "Work unit: choose a region first to pick one unit.",
    },
    "filter.units_too_many": {
        "id": "Unit kerja: {n} unit di wilayah terpilih; pilih lebih sedikit wilayah (paling "
        "banyak {max} unit) untuk memilih satu unit.",
        "en": "Work unit: {n} units in the chosen regions; choose fewer regions (at most {max} "
        "units) to pick one unit.",
    },
    "filter.type": {"id": "Jenis pegawai", "en": "Employment type"},
    "filter.type_help": {
        "id": "PPPK mencakup PPPK penuh waktu dan paruh waktu; PPPK Paruh Waktu hanya yang paruh "
        "waktu.",
        "en": "PPPK covers full-time and part-time PPPK; PPPK Paruh Waktu only the part-time.",
    },
    "filter.all_types": {"id": "Semua", "en": "All"},
    "filter.invalid_param": {
        "id": "Parameter alamat {param}={value} tidak dikenal atau tidak sah dan diabaikan; "
        "halaman menampilkan: {used}.",
        "en": "The address parameter {param}={value} is unknown or invalid and was ignored; the "
        "page shows: {used}.",
    },
    "filter.region_not_granted": {
        "id": "Wilayah {value} (parameter alamat region) tidak termasuk wilayah akun ini dan tidak "
        "ditampilkan.",
        "en": "Region {value} (address parameter region) is not granted to this account and is "
        "not shown.",
    },
    "download.csv": {"id": "Unduh CSV", "en": "Download CSV"},
    "download.excel": {"id": "Unduh Excel", "en": "Download Excel"},
    "privacy.legend": {
        "id": "<5: kurang dari 5 orang. –: disembunyikan agar angka <5 tidak dapat dihitung dari "
        "total; nilai kosong: dihitung dari kurang dari 5 orang.",
        "en": "<5: fewer than 5 people. –: hidden so that a <5 cannot be worked out from the "
        "totals; an empty figure: computed from fewer than 5 people.",
    },
    "methodology.title": {"id": "Metodologi", "en": "Methodology"},
    "methodology.regulation": {"id": "Dasar aturan", "en": "Regulation"},
    "file.objectivity_units": {"id": "indikasi-objektivitas-unit", "en": "objectivity-units"},
    "file.objectivity_opd": {"id": "predikat-per-opd", "en": "ratings-per-opd"},
    "file.rating_vs_achievement": {
        "id": "sangat-baik-vs-capaian",
        "en": "sangat-baik-vs-achievement",
    },
    "file.objectivity_evaluators": {"id": "indikasi-penilai", "en": "lenient-evaluators"},
    "file.predikat_distribution": {"id": "sebaran-predikat", "en": "predikat-distribution"},
    "file.training_targeting": {"id": "sasaran-pelatihan", "en": "training-targeting"},
    "file.jp_summary": {"id": "ringkasan-jp", "en": "jp-summary"},
    "file.coverage_20jp": {"id": "cakupan-20jp", "en": "coverage-20jp"},
    "file.complaint_sla_units": {"id": "batas-waktu-pengaduan-unit", "en": "complaint-sla-units"},
    "file.complaint_sla": {"id": "batas-waktu-pengaduan", "en": "complaint-sla"},
    "file.ikm_units": {"id": "ikm-unit", "en": "ikm-units"},
    "file.alerts": {"id": "peringatan", "en": "alerts"},
    "file.scorecard": {"id": "kartu-skor-wilayah", "en": "region-scorecard"},
    "file.ip_asn": {"id": "indeks-profesionalitas-asn", "en": "asn-professionalism-index"},
    "overview.caption": {
        "id": "Kesehatan ASN dan pelayanan publik pada pilihan Anda, tahun {year} dibanding tahun "
        "sebelumnya.",
        "en": "The health of the workforce and public service in your selection, {year} against "
        "the year before.",
    },
    "overview.ip_asn_estimate": {
        "id": "IP ASN adalah perkiraan: sebagian nilai poin (kinerja, disiplin, seminar) belum "
        "dikonfirmasi pejabat yang berwenang.",
        "en": "The IP ASN is an estimate: some point values (performance, discipline, seminars) "
        "are not yet confirmed by an officer.",
    },
    "overview.alerts_title": {"id": "Perlu perhatian", "en": "Needs attention"},
    "overview.no_alerts": {
        "id": "Tidak ada peringatan untuk pilihan ini.",
        "en": "No alerts for this selection.",
    },
    "overview.headcount_title": {
        "id": "Jumlah ASN per tahun menurut jenis pegawai",
        "en": "ASN per year by employment type",
    },
    "kpi.headcount": {"id": "Jumlah ASN", "en": "Headcount"},
    "kpi.share_sb_b": {"id": "Sangat Baik + Baik", "en": "Very good + Good"},
    "kpi.coverage_20jp": {"id": "PNS mencapai 20 JP", "en": "PNS reaching 20 JP"},
    "kpi.complaints_last_month": {"id": "Pengaduan {month}", "en": "Complaints {month}"},
    "kpi.sla_compliance": {"id": "Pengaduan tepat waktu", "en": "Complaints on time"},
    "kpi.ikm": {"id": "IKM (mutu)", "en": "Satisfaction index (grade)"},
    "kpi.ip_asn": {"id": "IP ASN", "en": "Professionalism index"},
    "kpi.change_help": {
        "id": "Perubahan dibanding tahun sebelumnya (pengaduan: bulan yang sama tahun lalu).",
        "en": "Change against the previous year (complaints: the same month a year before).",
    },
    "performance.caption": {
        "id": "Predikat kinerja tahunan (PermenPANRB 6/2022) dan indikasi penilaian yang kurang "
        "objektif.",
        "en": "Annual performance ratings (PermenPANRB 6/2022) and indications of ratings that "
        "may not be objective.",
    },
    "performance.distribution_title": {
        "id": "Sebaran predikat {year}",
        "en": "Ratings in {year}",
    },
    "performance.trend_title": {
        "id": "Porsi Sangat Baik + Baik per tahun",
        "en": "Share Very good + Good per year",
    },
    "performance.kuadran_title": {
        "id": "Kuadran kinerja {year}: hasil kerja × perilaku kerja",
        "en": "Performance quadrant {year}: work results × work behaviour",
    },
    "performance.objectivity_title": {
        "id": "Pemeriksaan objektivitas",
        "en": "Objectivity checks",
    },
    "performance.objectivity_caption": {
        "id": "Indikasi, bukan putusan: unit dan penilai di bawah ini layak ditelaah.",
        "en": "Indications, not verdicts: the units and evaluators below deserve a closer look.",
    },
    "performance.opd_title": {
        "id": "Predikat per OPD (seluruh unitnya), {year}",
        "en": "Ratings per OPD (all its units), {year}",
    },
    "performance.flagged_units": {
        "id": "Unit dengan porsi Sangat Baik tinggi atau tanpa nilai di bawah Baik: {n}",
        "en": "Units with a high Very good share or nobody below Good: {n}",
    },
    "performance.flagged_achievement": {
        "id": "Unit yang banyak memberi Sangat Baik dengan capaian di bawah 100%: {n}",
        "en": "Units giving many Very good ratings with achievement below 100%: {n}",
    },
    "performance.flagged_evaluators": {
        "id": "Penilai yang jauh lebih murah hati dari penilai lain di unitnya: {n}",
        "en": "Evaluators far more lenient than the rest of their unit: {n}",
    },
    "performance.table_title": {"id": "Tabel sebaran predikat", "en": "Rating distribution table"},
    "training.caption": {
        "id": "Hak pengembangan kompetensi PNS paling sedikit 20 JP setahun (PP 17/2020).",
        "en": "Every PNS is entitled to at least 20 hours (JP) of development a year (PP 17/2020).",
    },
    "training.coverage_title": {
        "id": "PNS yang mencapai 20 JP per tahun",
        "en": "PNS reaching 20 JP per year",
    },
    "training.position_title": {
        "id": "Cakupan 20 JP menurut jenis jabatan, {year}",
        "en": "20-JP coverage by position type, {year}",
    },
    "training.units_title": {
        "id": "{n} unit dengan cakupan 20 JP terendah, {year}",
        "en": "The {n} units with the lowest 20-JP coverage, {year}",
    },
    "training.opds_title": {
        "id": "{n} OPD dengan cakupan 20 JP terendah, {year}",
        "en": "The {n} OPDs with the lowest 20-JP coverage, {year}",
    },
    "training.opd_heading": {
        "id": "Cakupan 20 JP per OPD (seluruh unitnya)",
        "en": "20-JP coverage per OPD (all its units)",
    },
    "training.units_caption": {
        "id": "{shown} dari {total} dengan sedikitnya 5 PNS; semuanya ada di tabel cakupan di "
        "bawah (dapat diunduh).",
        "en": "{shown} of {total} with at least 5 PNS; all are in the coverage table below "
        "(downloadable).",
    },
    "training.histogram_title": {
        "id": "Sebaran JP per pegawai, {year}",
        "en": "JP per staff member, {year}",
    },
    "training.mix_title": {
        "id": "JP menurut jenis dan metode pelatihan, {year}",
        "en": "JP by training category and method, {year}",
    },
    "training.targeting_title": {
        "id": "Apakah pegawai berkinerja rendah dilatih?",
        "en": "Are low performers trained?",
    },
    "training.targeting_caption": {
        "id": "PNS berpredikat Butuh Perbaikan atau lebih rendah pada tahun Y, dan pelatihan "
        "mereka pada tahun Y+1. Perbandingan predikat sesudahnya adalah korelasi, "
        "bukan sebab-akibat.",
        "en": "PNS rated Needs improvement or lower in year Y, and their training in year Y+1. "
        "The comparison of their next rating is a correlation, not cause and effect.",
    },
    "training.summary_title": {"id": "JP per pegawai", "en": "JP per staff member"},
    "training.coverage_table_title": {"id": "Tabel cakupan 20 JP", "en": "20-JP coverage table"},
    "complaints.caption": {
        "id": "Pengaduan masyarakat (SP4N-LAPOR! dan kanal daerah) dan survei kepuasan "
        "masyarakat (PermenPANRB 14/2017).",
        "en": "Public complaints (SP4N-LAPOR! and local channels) and public satisfaction "
        "surveys (PermenPANRB 14/2017).",
    },
    "complaints.measure": {"id": "Ukuran", "en": "Measure"},
    "complaints.measure_n": {"id": "Jumlah", "en": "Count"},
    "complaints.measure_per_100k": {"id": "Per 100.000 penduduk", "en": "Per 100,000 population"},
    "complaints.monthly_title": {"id": "Pengaduan per bulan", "en": "Complaints per month"},
    "complaints.anomaly": {"id": "Lonjakan (anomali)", "en": "Spike (anomaly)"},
    "complaints.anomaly_caption": {
        "id": "{n} bulan ditandai: jumlahnya melebihi rata-rata 12 bulan sebelumnya + 2 simpangan "
        "baku.",
        "en": "{n} months flagged: more than the mean of the 12 months before + 2 standard "
        "deviations.",
    },
    "complaints.channel_title": {
        "id": "Pengaduan menurut kanal, {year}",
        "en": "By channel, {year}",
    },
    "complaints.category_title": {
        "id": "Pengaduan menurut kategori, {year}",
        "en": "By category, {year}",
    },
    "complaints.sla_title": {"id": "Ketepatan waktu penanganan", "en": "Service levels"},
    "complaints.compliance_title": {
        "id": "Pengaduan yang memenuhi batas waktu, {year}",
        "en": "Complaints meeting the time limit, {year}",
    },
    "complaints.backlog_title": {
        "id": "Pengaduan belum selesai menurut umur (hari)",
        "en": "Open complaints by age (days)",
    },
    "complaints.worst_opds": {
        "id": "OPD dengan ketepatan waktu terendah (seluruh unitnya), {year}",
        "en": "OPDs least often on time (all their units), {year}",
    },
    "complaints.worst_units": {
        "id": "Unit dengan ketepatan waktu terendah, {year}",
        "en": "Units least often on time, {year}",
    },
    "satisfaction.title": {"id": "Kepuasan masyarakat (IKM)", "en": "Public satisfaction (IKM)"},
    "satisfaction.units_title": {
        "id": "IKM per unit layanan, {year} (warna: mutu)",
        "en": "Satisfaction index per service unit, {year} (colour: grade)",
    },
    "satisfaction.opds_title": {
        "id": "IKM per OPD, {year} (warna: mutu)",
        "en": "Satisfaction index per OPD, {year} (colour: grade)",
    },
    "satisfaction.opd_heading": {
        "id": "IKM per OPD (seluruh unit layanannya)",
        "en": "Satisfaction index per OPD (all its service units)",
    },
    "satisfaction.units_end": {"id": "Unit yang ditampilkan", "en": "Units shown"},
    "satisfaction.units_lowest": {"id": "IKM terendah", "en": "Lowest index"},
    "satisfaction.units_highest": {"id": "IKM tertinggi", "en": "Highest index"},
    "satisfaction.units_caption": {
        "id": "{shown} dari {total}; semuanya ada di tabel di bawah (dapat diunduh).",
        "en": "{shown} of {total}; all are in the table below (downloadable).",
    },
    "satisfaction.elements_title": {
        "id": "Nilai unsur pelayanan (NRR, skala 1-4), {year}",
        "en": "Service elements (mean score, 1-4), {year}",
    },
    "compare.caption": {
        "id": "Indikator yang sama, dihitung dengan cara yang sama untuk setiap wilayah, "
        "tahun {year}.",
        "en": "The same indicators, computed the same way for every region, {year}.",
    },
    "compare.empty": {
        "id": "Tidak ada data untuk pilihan ini.",
        "en": "No data for this selection.",
    },
    "compare.alone": {
        "id": "Hanya satu wilayah yang ditampilkan: tanpa peringkat dan radar. Pilih beberapa "
        "wilayah (bila akun Anda mencakupnya) untuk membandingkan.",
        "en": "Only one region is shown: no rank and no radar. Choose several regions (where "
        "your account covers them) to compare.",
    },
    "compare.cell_help": {
        "id": "Setiap sel: nilai · #peringkat (perubahan dari tahun sebelumnya). Peringkat 1 = "
        "terbaik.",
        "en": "Each cell: value · #rank (change from the previous year). Rank 1 = best.",
    },
    "compare.rank_by": {"id": "Urutkan menurut", "en": "Rank by"},
    "compare.more_regions": {
        "id": "{shown} wilayah teratas dari {total}; unduh kartu skor untuk semua wilayah.",
        "en": "The top {shown} of {total} regions; download the scorecard for all of them.",
    },
    "grouping.others": {"id": "Lainnya ({n} wilayah)", "en": "Others ({n} regions)"},
    "grouping.others_average": {
        "id": "Lainnya (rata-rata {n} wilayah)",
        "en": "Others (mean of {n} regions)",
    },
    "grouping.caption_average": {
        "id": "{shown} wilayah terbesar ditampilkan menurut namanya; {rest} wilayah lainnya "
        "digabung sebagai «Lainnya» dengan jumlah rata-rata per wilayah (rasio dihitung dari "
        "pembilang dan penyebut gabungan).",
        "en": "The {shown} largest regions are shown by name; the other {rest} are grouped as "
        "«Others» with their mean count per region (ratios worked out from the pooled numerators "
        "and denominators).",
    },
    "grouping.caption": {
        "id": "{shown} wilayah terbesar ditampilkan menurut namanya; {rest} wilayah lainnya "
        "digabung sebagai «Lainnya» (jumlah dijumlahkan, rasio dihitung dari pembilang dan "
        "penyebut gabungan).",
        "en": "The {shown} largest regions are shown by name; the other {rest} are grouped as "
        "«Others» (counts summed, ratios worked out from the pooled numerators and "
        "denominators).",
    },
    "grouping.left_out": {
        "id": "{shown} wilayah terbesar ditampilkan; {rest} wilayah lainnya tidak ditampilkan "
        "karena nilai gabungannya tidak dapat dihitung dari kolom indikator ini.",
        "en": "The {shown} largest regions are shown; the other {rest} are left out because "
        "their pooled value cannot be worked out from this indicator's columns.",
    },
    "compare.grouping_caption": {
        "id": "{shown} wilayah dengan peringkat terbaik; {rest} wilayah lainnya digabung sebagai "
        "«Lainnya».",
        "en": "The {shown} best-ranked regions; the other {rest} are grouped as «Others».",
    },
    "compare.left_out": {
        "id": "{shown} wilayah dengan peringkat terbaik; {rest} wilayah lainnya tidak ditampilkan "
        "karena nilai gabungan indikator ini tidak dapat dihitung dari kolom kartu skor.",
        "en": "The {shown} best-ranked regions; the other {rest} are left out because this "
        "indicator's pooled value cannot be worked out from the scorecard's columns.",
    },
    "performance.evaluators_checked": {
        "id": "dari {total} penilai (per unit dan tahun) yang diperiksa.",
        "en": "of {total} evaluators (per unit and year) checked.",
    },
    "compare.radar_title": {
        "id": "Profil wilayah {year} (1 = terbaik di antara wilayah yang dipilih)",
        "en": "Region profiles {year} (1 = best among the chosen regions)",
    },
    "compare.ip_title": {
        "id": "IP ASN {year} menurut dimensi",
        "en": "Professionalism index {year} by dimension",
    },
}


def t(key: str, lang: str = "id", **values: object) -> str:
    """The text for `key` in `lang` (Indonesian when the language is unknown), filled in."""
    entry = TEXT[key]
    text = entry.get(lang, entry["id"])
    return text.format(**values) if values else text


# Table headers, chart axes and legends: output columns of the indicators.
COLUMNS: dict[str, dict[str, str]] = {
    "active_pns": {"id": "PNS aktif", "en": "Active PNS"},
    "age_band": {"id": "Kelompok umur", "en": "Age band"},
    "as_of": {"id": "Tanggal acuan", "en": "As of"},
    "band": {"id": "Kategori", "en": "Band"},
    "band_label": {"id": "Kategori", "en": "Band"},
    "behavior_rating": {"id": "Perilaku kerja", "en": "Work behaviour"},
    "bup": {"id": "Batas usia pensiun", "en": "Retirement age"},
    "category": {"id": "Kategori", "en": "Category"},
    "category_name": {"id": "Rincian", "en": "Breakdown"},
    "change": {"id": "Perubahan", "en": "Change"},
    "channel": {"id": "Kanal", "en": "Channel"},
    "compliance": {"id": "Tepat waktu", "en": "On time"},
    "coverage": {"id": "Cakupan 20 JP", "en": "20-JP coverage"},
    "day_unit": {"id": "Satuan hari", "en": "Day unit"},
    "dimension": {"id": "Dimensi", "en": "Dimension"},
    "direction": {"id": "Arah", "en": "Direction"},
    "disiplin": {"id": "Disiplin", "en": "Discipline"},
    "element": {"id": "Unsur", "en": "Element"},
    "element_no": {"id": "No. unsur", "en": "Element no."},
    "employment_type": {"id": "Jenis pegawai", "en": "Employment type"},
    "estimate": {"id": "Perkiraan", "en": "Estimate"},
    "evaluator": {"id": "Penilai (samaran)", "en": "Evaluator (pseudonym)"},
    "evaluator_nip": {"id": "Penilai (samaran)", "en": "Evaluator (pseudonym)"},
    "flag_high_sb": {"id": "Sangat Baik > 70%", "en": "Very good > 70%"},
    "flag_none_below_baik": {"id": "Tak ada di bawah Baik", "en": "Nobody below Good"},
    "flagged": {"id": "Ditandai", "en": "Flagged"},
    "gender": {"id": "Jenis kelamin", "en": "Gender"},
    "horizon_years": {"id": "Dalam (tahun)", "en": "Within (years)"},
    "ikm": {"id": "IKM", "en": "Satisfaction index"},
    "indicator": {"id": "Indikator", "en": "Indicator"},
    "ip_asn": {"id": "IP ASN", "en": "Professionalism index"},
    "is_weakest": {"id": "Terlemah", "en": "Weakest"},
    "jp_band": {"id": "JP setahun", "en": "JP a year"},
    "kind": {"id": "Jenis", "en": "Kind"},
    "kinerja": {"id": "Kinerja", "en": "Performance"},
    "kompetensi": {"id": "Kompetensi", "en": "Competence"},
    "kualifikasi": {"id": "Kualifikasi", "en": "Qualification"},
    "label": {"id": "Keterangan", "en": "Note"},
    "label_en": {"id": "Unsur (Inggris)", "en": "Element"},
    "label_id": {"id": "Unsur", "en": "Element (Indonesian)"},
    "limit_days": {"id": "Batas (hari)", "en": "Limit (days)"},
    "mean_jp": {"id": "Rata-rata JP", "en": "Mean JP"},
    "mean_value": {"id": "Rata-rata nilai predikat", "en": "Mean rating value"},
    "mean_value_next_trained": {
        "id": "Nilai tahun berikutnya (dilatih)",
        "en": "Next year's value (trained)",
    },
    "mean_value_next_untrained": {
        "id": "Nilai tahun berikutnya (tidak dilatih)",
        "en": "Next year's value (not trained)",
    },
    "median_achievement": {"id": "Median capaian (%)", "en": "Median achievement (%)"},
    "median_days": {"id": "Median hari", "en": "Median days"},
    "median_jp": {"id": "Median JP", "en": "Median JP"},
    "method": {"id": "Metode", "en": "Method"},
    "month": {"id": "Bulan", "en": "Month"},
    "mutu": {"id": "Mutu", "en": "Grade"},
    "mutu_label": {"id": "Kinerja unit", "en": "Unit performance"},
    "n": {"id": "Jumlah", "en": "Count"},
    "n_20jp": {"id": "Mencapai 20 JP", "en": "Reaching 20 JP"},
    "n_answers": {"id": "Jawaban", "en": "Answers"},
    "n_below_baik": {"id": "Di bawah Baik", "en": "Below Good"},
    "n_breached": {"id": "Terlambat", "en": "Late"},
    "n_low": {"id": "Berkinerja rendah", "en": "Low performers"},
    "n_met": {"id": "Tepat waktu (jumlah)", "en": "On time (count)"},
    "n_no_appraisal": {"id": "Tanpa penilaian", "en": "Without appraisal"},
    "n_pending": {"id": "Masih berjalan", "en": "Still running"},
    "n_rated_next_trained": {
        "id": "Dinilai tahun berikutnya (dilatih)",
        "en": "Rated next year (trained)",
    },
    "n_rated_next_untrained": {
        "id": "Dinilai tahun berikutnya (tidak dilatih)",
        "en": "Rated next year (not trained)",
    },
    "n_reached": {"id": "Mencapai 20 JP", "en": "Reaching 20 JP"},
    "n_rendah": {"id": "Rendah", "en": "Low"},
    "n_sangat_baik": {"id": "Sangat Baik", "en": "Very good"},
    "n_sangat_rendah": {"id": "Sangat Rendah", "en": "Very low"},
    "n_sangat_tinggi": {"id": "Sangat Tinggi", "en": "Very high"},
    "n_sb_below_100": {"id": "Sangat Baik, capaian < 100%", "en": "Very good, achievement < 100%"},
    "n_sb_measured": {"id": "Sangat Baik dengan capaian", "en": "Very good with achievement"},
    "n_sedang": {"id": "Sedang", "en": "Medium"},
    "n_staff": {"id": "Pegawai", "en": "Staff"},
    "n_tinggi": {"id": "Tinggi", "en": "High"},
    "n_trained": {"id": "Dilatih", "en": "Trained"},
    "n_without_training": {"id": "Tanpa pelatihan", "en": "Without training"},
    "normalised": {"id": "Skor relatif", "en": "Relative score"},
    "nrr": {"id": "NRR", "en": "Mean score"},
    "others_mean": {"id": "Rata-rata penilai lain", "en": "Others' mean"},
    "others_n": {"id": "Dinilai penilai lain", "en": "Rated by others"},
    "others_sd": {"id": "Simpangan baku lainnya", "en": "Others' std. dev."},
    "per_1000_population": {"id": "Per 1.000 penduduk", "en": "Per 1,000 population"},
    "per_100k": {"id": "Per 100.000 penduduk", "en": "Per 100,000 population"},
    "period": {"id": "Periode", "en": "Period"},
    "points": {"id": "Poin", "en": "Points"},
    "position_type": {"id": "Jenis jabatan", "en": "Position type"},
    "predikat": {"id": "Predikat", "en": "Rating"},
    "previous_value": {"id": "Tahun sebelumnya", "en": "Previous year"},
    "rank": {"id": "Peringkat", "en": "Rank"},
    "rated": {"id": "Dinilai", "en": "Rated"},
    "region_code": {"id": "Kode wilayah", "en": "Region code"},
    "region_name": {"id": "Wilayah", "en": "Region"},
    "regions_ranked": {"id": "Wilayah diperingkat", "en": "Regions ranked"},
    "respondents": {"id": "Responden", "en": "Respondents"},
    "result_rating": {"id": "Hasil kerja", "en": "Work results"},
    "share": {"id": "Porsi", "en": "Share"},
    "share_20jp": {"id": "Porsi mencapai 20 JP", "en": "Share reaching 20 JP"},
    "share_improved_trained": {
        "id": "Membaik (dilatih)",
        "en": "Improved (trained)",
    },
    "share_improved_untrained": {
        "id": "Membaik (tidak dilatih)",
        "en": "Improved (not trained)",
    },
    "share_sangat_baik": {"id": "Porsi Sangat Baik", "en": "Share Very good"},
    "share_sb_b": {"id": "Porsi Sangat Baik + Baik", "en": "Share Very good + Good"},
    "share_trained": {"id": "Porsi dilatih", "en": "Share trained"},
    "step": {"id": "Tahap", "en": "Step"},
    "threshold": {"id": "Ambang", "en": "Threshold"},
    "total_jp": {"id": "Total JP", "en": "Total JP"},
    "trailing_mean": {"id": "Rata-rata 12 bulan sebelumnya", "en": "Mean of the 12 months before"},
    "trailing_sd": {"id": "Simpangan baku 12 bulan", "en": "Std. dev. of the 12 months"},
    "unit_id": {"id": "Kode unit", "en": "Unit key"},
    "unit_name": {"id": "Unit", "en": "Unit"},
    "opd_id": {"id": "Kode OPD", "en": "OPD key"},
    "opd_name": {"id": "OPD", "en": "OPD"},
    "level": {"id": "Tingkat", "en": "Level"},
    "value": {"id": "Nilai", "en": "Value"},
    "weakest_element": {"id": "Unsur terlemah", "en": "Weakest element"},
    "weakest_label_en": {"id": "Unsur terlemah (Inggris)", "en": "Weakest element"},
    "weakest_label_id": {"id": "Unsur terlemah", "en": "Weakest element (Indonesian)"},
    "year": {"id": "Tahun", "en": "Year"},
    "z": {"id": "Skor z", "en": "z-score"},
    # import reports and history
    "batch_id": {"id": "Batch", "en": "Batch"},
    "dataset": {"id": "Jenis data", "en": "Dataset"},
    "file_name": {"id": "Berkas", "en": "File"},
    "imported_by": {"id": "Diimpor oleh", "en": "Imported by"},
    "started_at": {"id": "Mulai", "en": "Started"},
    "finished_at": {"id": "Selesai", "en": "Finished"},
    "status": {"id": "Status", "en": "Status"},
    "rows_read": {"id": "Baris dibaca", "en": "Rows read"},
    "inserted": {"id": "Baru", "en": "New"},
    "updated": {"id": "Diperbarui", "en": "Updated"},
    "unchanged": {"id": "Sama", "en": "Unchanged"},
    "rejected": {"id": "Ditolak", "en": "Rejected"},
    "warnings": {"id": "Peringatan", "en": "Warnings"},
    "undone_by": {"id": "Dibatalkan oleh", "en": "Undone by"},
    "undone_at": {"id": "Dibatalkan pada", "en": "Undone at"},
    "row_number": {"id": "Baris", "en": "Row"},
    "rows": {"id": "Jumlah baris", "en": "Rows"},
    "at": {"id": "Di baris", "en": "At rows"},
    "column": {"id": "Kolom", "en": "Column"},
    "severity": {"id": "Tingkat", "en": "Severity"},
    "reason": {"id": "Alasan", "en": "Reason (Indonesian)"},
    "reason_en": {"id": "Alasan (Inggris)", "en": "Reason"},
    "latest_date": {"id": "Tanggal data terakhir", "en": "Latest data date"},
    "last_import": {"id": "Impor terakhir", "en": "Last import"},
}

_PREDIKAT = {
    "sangat_baik": {"id": "Sangat Baik", "en": "Very good"},
    "baik": {"id": "Baik", "en": "Good"},
    "butuh_perbaikan": {"id": "Butuh Perbaikan", "en": "Needs improvement"},
    "kurang": {"id": "Kurang", "en": "Poor"},
    "sangat_kurang": {"id": "Sangat Kurang", "en": "Very poor"},
}
_RATING = {
    "di_atas": {"id": "Di atas ekspektasi", "en": "Above expectations"},
    "sesuai": {"id": "Sesuai ekspektasi", "en": "As expected"},
    "di_bawah": {"id": "Di bawah ekspektasi", "en": "Below expectations"},
}
_CATEGORY = {
    # headcount breakdowns and shared words
    "total": {"id": "Total", "en": "Total"},
    "unknown": {"id": "Tidak diketahui", "en": "Unknown"},
    "all": {"id": "Semua", "en": "All"},
    "struktural": {"id": "Struktural", "en": "Structural"},
    "fungsional": {"id": "Fungsional", "en": "Functional"},
    "pelaksana": {"id": "Pelaksana", "en": "Executive"},
    "L": {"id": "Laki-laki", "en": "Male"},
    "P": {"id": "Perempuan", "en": "Female"},
    # training categories
    "teknis": {"id": "Teknis", "en": "Technical"},
    "kepemimpinan": {"id": "Kepemimpinan", "en": "Leadership"},
    "manajerial": {"id": "Manajerial", "en": "Managerial"},
    "sosial_kultural": {"id": "Sosial kultural", "en": "Socio-cultural"},
    "latsar": {"id": "Pelatihan dasar CPNS", "en": "CPNS basic training"},
    "seminar": {"id": "Seminar/lokakarya", "en": "Seminar/workshop"},
    # complaint channels and categories
    "media sosial": {"id": "Media sosial", "en": "Social media"},
    "langsung": {"id": "Langsung", "en": "In person"},
    "aplikasi daerah": {"id": "Aplikasi daerah", "en": "Local app"},
    "forum": {"id": "Forum", "en": "Forum"},
    "kependudukan": {"id": "Kependudukan", "en": "Civil registration"},
    "kesehatan": {"id": "Kesehatan", "en": "Health"},
    "pendidikan": {"id": "Pendidikan", "en": "Education"},
    "perizinan": {"id": "Perizinan", "en": "Permits"},
    "infrastruktur": {"id": "Infrastruktur", "en": "Infrastructure"},
    "lingkungan": {"id": "Lingkungan", "en": "Environment"},
    "perhubungan": {"id": "Perhubungan", "en": "Transport"},
    "sosial": {"id": "Sosial", "en": "Social affairs"},
    "ketertiban": {"id": "Ketertiban", "en": "Public order"},
    "lainnya": {"id": "Lainnya", "en": "Other"},
}
_DIMENSION = {
    "total": {"id": "Total", "en": "Total"},
    "employment_type": {"id": "Jenis pegawai", "en": "Employment type"},
    "gender": {"id": "Jenis kelamin", "en": "Gender"},
    "golongan": {"id": "Golongan", "en": "Grade"},
    "education_level": {"id": "Pendidikan", "en": "Education"},
    "position_type": {"id": "Jenis jabatan", "en": "Position type"},
    "region": {"id": "Wilayah", "en": "Region"},
    "unit": {"id": "Unit", "en": "Unit"},
    "opd": {"id": "OPD", "en": "OPD"},
    "channel": {"id": "Kanal", "en": "Channel"},
    "category": {"id": "Kategori", "en": "Category"},
}
_STEP = {
    "verification": {"id": "Verifikasi (3 hari kerja)", "en": "Verification (3 working days)"},
    "follow_up": {
        "id": "Tindak lanjut pertama (5 hari kerja)",
        "en": "First follow-up (5 working days)",
    },
    "completion": {"id": "Selesai (60 hari)", "en": "Closed (60 days)"},
    "all_three": {"id": "Ketiganya", "en": "All three"},
}
_KIND = {
    "due": {"id": "Pensiun", "en": "Retiring"},
    "overdue": {"id": "Lewat BUP", "en": "Past retirement age"},
    "objectivity_unit": {"id": "Unit: penilaian tidak tersebar", "en": "Unit: ratings not spread"},
    "rating_vs_achievement": {
        "id": "Unit: Sangat Baik dengan capaian < 100%",
        "en": "Unit: Very good with achievement < 100%",
    },
    "lenient_evaluator": {"id": "Penilai murah hati", "en": "Lenient evaluator"},
    "sla_breach": {"id": "Pengaduan sering terlambat", "en": "Complaints often late"},
    "complaint_anomaly": {"id": "Lonjakan pengaduan", "en": "Complaint spike"},
    "ikm_mutu": {"id": "Mutu pelayanan C/D", "en": "Service grade C/D"},
}
_INDICATOR = {
    "headcount": {"id": "Jumlah ASN", "en": "Headcount"},
    "asn_per_1000": {"id": "ASN per 1.000 penduduk", "en": "ASN per 1,000 population"},
    "share_sb_b": {"id": "Porsi Sangat Baik + Baik", "en": "Share Very good + Good"},
    "coverage_20jp": {"id": "PNS mencapai 20 JP", "en": "PNS reaching 20 JP"},
    "complaints_per_100k": {
        "id": "Pengaduan per 100.000 penduduk",
        "en": "Complaints per 100,000 population",
    },
    "sla_compliance": {"id": "Pengaduan tepat waktu", "en": "Complaints on time"},
    "ikm": {"id": "IKM", "en": "Satisfaction index"},
    "ip_asn": {"id": "IP ASN", "en": "Professionalism index"},
}
_LABEL = {
    "Sangat Baik": {"id": "Sangat Baik", "en": "Very good"},
    "Baik": {"id": "Baik", "en": "Good"},
    "Kurang Baik": {"id": "Kurang Baik", "en": "Fair"},
    "Tidak Baik": {"id": "Tidak Baik", "en": "Poor"},
    "Sangat Tinggi": {"id": "Sangat Tinggi", "en": "Very high"},
    "Tinggi": {"id": "Tinggi", "en": "High"},
    "Sedang": {"id": "Sedang", "en": "Medium"},
    "Rendah": {"id": "Rendah", "en": "Low"},
    "Sangat Rendah": {"id": "Sangat Rendah", "en": "Very low"},
    "sangat_tinggi": {"id": "Sangat Tinggi", "en": "Very high"},
    "tinggi": {"id": "Tinggi", "en": "High"},
    "sedang": {"id": "Sedang", "en": "Medium"},
    "rendah": {"id": "Rendah", "en": "Low"},
    "sangat_rendah": {"id": "Sangat Rendah", "en": "Very low"},
}

# Stored codes of a column and their words.
VALUES: dict[str, dict[str, dict[str, str]]] = {
    "predikat": _PREDIKAT,
    "result_rating": _RATING,
    "behavior_rating": _RATING,
    "category": _CATEGORY,
    "category_name": _CATEGORY,
    "gender": _CATEGORY,
    "position_type": _CATEGORY,
    "method": {
        "klasikal": {"id": "Klasikal", "en": "Classroom"},
        "nonklasikal": {"id": "Nonklasikal", "en": "Non-classroom"},
    },
    "dimension": _DIMENSION,
    "level": {"unit": _DIMENSION["unit"], "opd": _DIMENSION["opd"]},
    "step": _STEP,
    "day_unit": {
        "working_days": {"id": "hari kerja", "en": "working days"},
        "calendar_days": {"id": "hari kalender", "en": "calendar days"},
    },
    "kind": _KIND,
    "indicator": _INDICATOR,
    "mutu_label": _LABEL,
    "band_label": _LABEL,
    "band": _LABEL,
    "label": _LABEL,
    "direction": {
        "higher": {"id": "makin tinggi makin baik", "en": "higher is better"},
        "lower": {"id": "makin rendah makin baik", "en": "lower is better"},
        "none": {"id": "tidak diperingkat", "en": "not ranked"},
    },
    "age_band": {"unknown": _CATEGORY["unknown"]},
    "dataset": {
        "auto": {"id": "Kenali otomatis", "en": "Recognise automatically"},
        "regions": {"id": "Wilayah", "en": "Regions"},
        "units": {"id": "Unit kerja", "en": "Work units"},
        "staff": {"id": "Pegawai (SIASN)", "en": "Staff (SIASN)"},
        "appraisals": {"id": "Penilaian kinerja (e-Kinerja)", "en": "Appraisals (e-Kinerja)"},
        "trainings": {"id": "Pelatihan", "en": "Trainings"},
        "discipline": {"id": "Hukuman disiplin", "en": "Discipline"},
        "complaints": {"id": "Pengaduan", "en": "Complaints"},
        "ikm_responses": {"id": "Survei kepuasan (IKM)", "en": "Satisfaction survey (IKM)"},
    },
    "status": {
        "committed": {"id": "tersimpan", "en": "committed"},
        "undone": {"id": "dibatalkan", "en": "undone"},
    },
    "severity": {
        "error": {"id": "ditolak", "en": "rejected"},
        "warning": {"id": "peringatan", "en": "warning"},
    },
    "unit_name": {"unknown": _CATEGORY["unknown"]},
}


def column_label(column: str, lang: str = "id") -> str:
    """The header of a table column in `lang`; the column name when it has none."""
    entry = COLUMNS.get(column)
    return entry.get(lang, entry["id"]) if entry else column


def value_label(column: str, value: object, lang: str = "id") -> object:
    """The words for a stored code of `column` in `lang`; other values unchanged."""
    if not isinstance(value, str):
        return value
    entry = VALUES.get(column, {}).get(value)
    return entry.get(lang, entry["id"]) if entry else value


def format_value(
    value: object,
    kind: str,
    lang: str = "id",
    *,
    signed: bool = False,
    suppressed: bool = False,
) -> str:
    """A figure as people read it: counts, percents (shares 0-1), scores and decimals.

    Indonesian uses '.' for thousands and ',' for decimals. A change of a share is in percentage
    points; a change that shows as zero has no sign. A suppressed count shows "<5"; any other
    suppressed figure shows "–".
    """
    if suppressed:
        return "<5" if kind == "count" else "–"
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    number = float(value) * (100 if kind == "percent" else 1)
    places = {"count": 0, "percent": 1}.get(kind, 2)
    number = round(number, places) + 0.0  # + 0.0: -0.0 becomes 0.0
    sign = "+" if signed and number != 0 else ""
    text = f"{number:{sign},.{places}f}"
    if lang == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    if kind == "percent":
        text += (" poin" if lang == "id" else " pp") if signed else "%"
    return text
