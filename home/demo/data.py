"""The demo site's content, as plain data (Vietnamese, because it is content, not interface).

Rules this file keeps (see the brief in the commit history):

* Real places, people and books carry only well-known public facts. Where a fact was not certain
  (a decision number, a date, a length) the field is left empty rather than guessed.
* Heritage rankings were checked against press reports; decision numbers are given only where a
  published source states them.
* Schools, libraries, neighbourhood offices, officers, book codes, shelf marks, copies and phone
  numbers are invented and say so ("dữ liệu mẫu"). Invented schools have invented names, so no
  real institution is given a made-up history.
* Addresses use the administrative units in force before 1 July 2025 (quận/huyện, phường), the
  ones printed on most existing plates and maps; coordinates are approximate (about 100 m).
* Phone numbers are obviously sample numbers in valid Vietnamese formats (028 3800 00xx,
  0900 000 xxx) and are only given to invented units, never to real institutions.

Body blocks are written as small tuples and turned into StreamField data by the builder:
``("heading", text)``, ``("p", html)``, ``("facts", title, [(label, value), ...])``,
``("quote", text, attribution)``, ``("event", year, title, text)``.
"""

PROVINCE = "TP. Hồ Chí Minh"
# Units of the demo: the province (the site's home page), these districts and their schools.
# Every demo account (bientap.<unit>@…, kiemduyet.<unit>@…) has the password below, printed by
# load_demo: demo content only, never a real site's accounts.
DEMO_DISTRICTS = [("Quận 3", "quan3"), ("Quận 10", "quan10")]
DEMO_EMAIL_DOMAIN = "sohoa.example"
DEMO_PASSWORD = "Sohoa-demo-2026"
SAMPLE = "Dữ liệu mẫu"
ADDRESS_NOTE = (
    "Địa chỉ ghi theo đơn vị hành chính trước ngày 01/7/2025 (quận/huyện, phường cũ); "
    "toạ độ là vị trí gần đúng."
)

HOME = {
    "title": "Đoàn TNCS Hồ Chí Minh – Thành phố Hồ Chí Minh (dữ liệu mẫu)",
    "summary": (
        "Trang mẫu của Sohoa: trường học, thư viện số, tuyến đường, di tích và văn phòng khu phố "
        "của TP. Hồ Chí Minh, mỗi trang có mã QR. Dữ liệu mẫu để thử hệ thống."
    ),
    "intro": (
        "<p>Chào mừng bạn đến với trang <b>dữ liệu mẫu</b> của Sohoa. Thông tin về tuyến đường "
        "và di tích là sự thật đã được công bố rộng rãi; trường học, thư viện, văn phòng khu phố "
        "và cán bộ là <i>hư cấu</i>, chỉ để minh họa cách một đơn vị Đoàn số hóa nội dung.</p>"
    ),
    "body": [
        ("heading", "Sohoa làm được gì?"),
        (
            "p",
            "<p>Mỗi trang trên website đều có mã QR riêng để in lên biển tên đường, cổng trường "
            "hay gáy sách. Người dân quét mã bằng điện thoại là đọc được lịch sử tên đường, "
            "thông tin di tích, danh mục sách của thư viện hay số điện thoại của khu phố.</p>",
        ),
        (
            "facts",
            "Dữ liệu mẫu gồm",
            [
                ("Trường học", "4 trường (hư cấu)"),
                ("Thư viện số", "2 thư viện, hơn 120 đầu sách"),
                ("Tuyến đường", "10 tuyến đường mang tên danh nhân, sự kiện"),
                ("Di tích", "8 di tích, công trình tiêu biểu"),
                ("Văn phòng khu phố", "6 văn phòng (hư cấu)"),
            ],
        ),
        ("p", f"<p><i>{ADDRESS_NOTE}</i></p>"),
        (
            "quote",
            "Vì lợi ích mười năm thì phải trồng cây, vì lợi ích trăm năm thì phải trồng người.",
            "Hồ Chí Minh",
        ),
    ],
}

INDEXES = {
    "schools": {
        "slug": "truong-hoc",
        "title": "Trường học",
        "summary": "Thông tin số hóa về tên trường, lịch sử, truyền thống và thư viện. Dữ liệu mẫu.",
        "intro": (
            "<p>Mỗi trường có một trang riêng: ý nghĩa tên trường, các mốc lịch sử, thành tích, "
            "quy mô và thư viện số. <b>Các trường dưới đây đều là trường hư cấu.</b></p>"
        ),
    },
    "streets": {
        "slug": "tuyen-duong",
        "title": "Tuyến đường",
        "summary": "Lịch sử tên đường: đường mang tên ai, sự kiện nào, và những địa điểm dọc đường.",
        "intro": (
            "<p>Những tuyến đường ở trung tâm TP. Hồ Chí Minh mang tên các danh nhân, anh hùng "
            "và sự kiện lịch sử. Quét mã QR trên biển tên đường để đọc câu chuyện phía sau "
            "mỗi cái tên.</p>"
        ),
    },
    "heritage": {
        "slug": "di-tich",
        "title": "Di tích – Địa chỉ đỏ",
        "summary": "Di tích lịch sử, kiến trúc và địa chỉ đỏ của TP. Hồ Chí Minh, trên bản đồ số.",
        "intro": (
            "<p>Các di tích và công trình tiêu biểu, kèm xếp hạng di tích theo thông tin đã "
            "công bố. Hãy kiểm tra giờ mở cửa trên kênh chính thức của từng nơi trước khi đến.</p>"
        ),
    },
    "offices": {
        "slug": "van-phong-khu-pho",
        "title": "Văn phòng khu phố",
        "summary": "Địa chỉ, giờ làm việc và cán bộ khu phố. Dữ liệu mẫu, không phải khu phố thật.",
        "intro": (
            "<p>Bản đồ địa chỉ văn phòng khu phố sau sắp xếp. <b>Tất cả khu phố, cán bộ và số "
            "điện thoại ở đây đều là dữ liệu mẫu.</b></p>"
        ),
    },
    "map": {
        "slug": "ban-do",
        "title": "Bản đồ số",
        "summary": "Mọi trường học, thư viện, tuyến đường, di tích và văn phòng khu phố trên bản đồ.",
        "intro": "<p>Bấm vào một điểm để xem tên và mở trang chi tiết.</p>",
    },
}

# Schools and their libraries: all invented -------------------------------------------------

SCHOOLS = [
    {
        "slug": "truong-thcs-mau-son-ca",
        "title": "Trường THCS Mẫu Sơn Ca (dữ liệu mẫu)",
        "official_name": "Trường Trung học cơ sở Mẫu Sơn Ca (trường hư cấu)",
        "former_names": "Trường cấp II Mẫu Sơn Ca (1996–2000, tên mẫu)",
        "level": "thcs",
        "founded_year": 1996,
        "summary": (
            "Dữ liệu mẫu: một trường THCS hư cấu, minh họa cách số hóa tên trường, lịch sử, "
            "thành tích và thư viện số."
        ),
        "name_meaning": (
            "<p>Sơn ca là loài chim hót hay, bay cao. Tên trường (hư cấu) gửi gắm mong ước học "
            "sinh luôn vui tươi, ham học và bay xa.</p>"
        ),
        "traditions": (
            "<ul><li>Ngày hội đọc sách mỗi tháng 4 (dữ liệu mẫu).</li>"
            "<li>Chương trình “Mỗi đoàn viên một công trình số” của Liên đội (dữ liệu mẫu).</li>"
            "</ul>"
        ),
        "history": [
            (1996, "Thành lập trường", "Trường mẫu được thành lập với 12 lớp (dữ liệu mẫu)."),
            (2000, "Đổi tên", "Đổi tên thành Trường THCS Mẫu Sơn Ca (dữ liệu mẫu)."),
            (2015, "Khánh thành thư viện", "Thư viện trường mở cửa đón học sinh (dữ liệu mẫu)."),
            (2024, "Ra mắt thư viện số", "Danh mục sách được đưa lên mạng, có mã QR (mẫu)."),
        ],
        "achievements": [
            (2019, "Liên đội vững mạnh (dữ liệu mẫu)", "huyen"),
            (2022, "Giải nhất cuộc thi kể chuyện sách (dữ liệu mẫu)", "tinh"),
            (2024, "Trường học thân thiện, học sinh tích cực (dữ liệu mẫu)", "truong"),
        ],
        "students": 1250,
        "classes": 32,
        "teachers": 68,
        "staff": 12,
        "scale_school_year": "2024-2025",
        "phone": "028 3800 0001",
        "email": "lienhe@truong-mau-son-ca.example",
        "website": "https://truong-mau-son-ca.example/",
        "address": "Số 1 Đường Mẫu Số 1 (địa chỉ mẫu)",
        "ward": "Phường Võ Thị Sáu",
        "district": "Quận 3",
        "point": (10.7838, 106.6868),
        "library": {
            "slug": "thu-vien-son-ca",
            "title": "Thư viện Trường THCS Mẫu Sơn Ca (dữ liệu mẫu)",
            "summary": "Dữ liệu mẫu: thư viện trường hư cấu, danh mục sách và sách điện tử.",
            "intro": (
                "<p>Thư viện mẫu phục vụ học sinh và giáo viên. Quét mã QR trên gáy sách để xem "
                "thông tin và đọc sách điện tử ngay trên điện thoại.</p>"
            ),
            "opening_hours": "Thứ 2 – Thứ 6: 7g00 – 11g00, 13g30 – 16g30 (dữ liệu mẫu)",
            "phone": "028 3800 0011",
            "code_prefix": "SC",
            "point": (10.7839, 106.6870),
            "all_real_books": True,
        },
    },
    {
        "slug": "truong-tieu-hoc-mau-hoa-phuong",
        "title": "Trường Tiểu học Mẫu Hoa Phượng (dữ liệu mẫu)",
        "official_name": "Trường Tiểu học Mẫu Hoa Phượng (trường hư cấu)",
        "former_names": "",
        "level": "tieu_hoc",
        "founded_year": 2005,
        "summary": "Dữ liệu mẫu: trường tiểu học hư cấu có thư viện số cho học sinh nhỏ tuổi.",
        "name_meaning": (
            "<p>Hoa phượng nở vào mùa hè, gắn với tuổi học trò. Đây là tên trường hư cấu.</p>"
        ),
        "traditions": "<p>Hội thi “Đọc sách cùng ba mẹ” hằng năm (dữ liệu mẫu).</p>",
        "history": [
            (2005, "Thành lập trường", "Trường mẫu khai giảng năm học đầu tiên (dữ liệu mẫu)."),
            (2018, "Xây dựng góc đọc sách", "Mỗi lớp có một góc đọc sách (dữ liệu mẫu)."),
            (2025, "Thư viện số", "Toàn bộ sách được gắn mã QR (dữ liệu mẫu)."),
        ],
        "achievements": [
            (2021, "Thư viện đạt chuẩn (dữ liệu mẫu)", "huyen"),
            (2023, "Giải khuyến khích vẽ tranh thiếu nhi (dữ liệu mẫu)", "quoc_gia"),
        ],
        "students": 980,
        "classes": 28,
        "teachers": 45,
        "staff": 9,
        "scale_school_year": "2024-2025",
        "phone": "028 3800 0002",
        "email": "lienhe@truong-mau-hoa-phuong.example",
        "website": "",
        "address": "Số 2 Đường Mẫu Số 2 (địa chỉ mẫu)",
        "ward": "Phường 12",
        "district": "Quận 10",
        "point": (10.7712, 106.6665),
        "library": {
            "slug": "thu-vien-hoa-phuong",
            "title": "Thư viện Trường Tiểu học Mẫu Hoa Phượng (dữ liệu mẫu)",
            "summary": "Dữ liệu mẫu: thư viện thân thiện của một trường tiểu học hư cấu.",
            "intro": "<p>Thư viện mẫu với truyện tranh, truyện thiếu nhi và sách kỹ năng.</p>",
            "opening_hours": "Thứ 2 – Thứ 7: 7g30 – 16g00 (dữ liệu mẫu)",
            "phone": "028 3800 0012",
            "code_prefix": "HP",
            "point": (10.7713, 106.6667),
            "all_real_books": False,
        },
    },
    {
        "slug": "truong-thpt-mau-binh-minh",
        "title": "Trường THPT Mẫu Bình Minh (dữ liệu mẫu)",
        "official_name": "Trường Trung học phổ thông Mẫu Bình Minh (trường hư cấu)",
        "former_names": "",
        "level": "thpt",
        "founded_year": 1990,
        "summary": "Dữ liệu mẫu: trường THPT hư cấu, minh họa dòng thời gian và thành tích.",
        "name_meaning": "<p>Bình minh: khởi đầu của một ngày mới. Tên trường hư cấu.</p>",
        "traditions": "<p>Hội trại truyền thống ngày 26/3 của Đoàn trường (dữ liệu mẫu).</p>",
        "history": [
            (1990, "Thành lập trường", "Trường mẫu được thành lập (dữ liệu mẫu)."),
            (2010, "Xây khu nhà mới", "Khánh thành dãy phòng học mới (dữ liệu mẫu)."),
        ],
        "achievements": [
            (2020, "Đoàn trường vững mạnh (dữ liệu mẫu)", "tinh"),
        ],
        "students": 1500,
        "classes": 36,
        "teachers": 90,
        "staff": 15,
        "scale_school_year": "2024-2025",
        "phone": "028 3800 0003",
        "email": "",
        "website": "",
        "address": "Số 3 Đường Mẫu Số 3 (địa chỉ mẫu)",
        "ward": "Phường 15",
        "district": "Quận Tân Bình",
        "point": (10.8015, 106.6530),
        "library": None,
    },
    {
        "slug": "truong-lien-cap-mau-chan-troi",
        "title": "Trường Liên cấp Mẫu Chân Trời (dữ liệu mẫu)",
        "official_name": "Trường Tiểu học, THCS và THPT Mẫu Chân Trời (trường hư cấu)",
        "former_names": "",
        "level": "lien_cap",
        "founded_year": 2012,
        "summary": "Dữ liệu mẫu: trường liên cấp hư cấu, minh họa trang trường có đủ các mục.",
        "name_meaning": "<p>Chân trời: ước mơ vươn xa. Tên trường hư cấu.</p>",
        "traditions": "<p>Tuần lễ khoa học và công nghệ mỗi học kỳ (dữ liệu mẫu).</p>",
        "history": [
            (2012, "Thành lập trường", "Trường mẫu khai giảng với ba cấp học (dữ liệu mẫu)."),
            (2019, "Phòng STEM", "Đưa phòng học STEM vào sử dụng (dữ liệu mẫu)."),
        ],
        "achievements": [
            (2023, "Giải ba cuộc thi sáng tạo thanh thiếu niên (dữ liệu mẫu)", "quoc_gia"),
        ],
        "students": 2100,
        "classes": 60,
        "teachers": 140,
        "staff": 25,
        "scale_school_year": "2024-2025",
        "phone": "0900 000 004",
        "email": "",
        "website": "",
        "address": "Số 4 Đường Mẫu Số 4 (địa chỉ mẫu)",
        "ward": "Phường Thảo Điền",
        "district": "TP. Thủ Đức",
        "point": (10.8040, 106.7380),
        "library": None,
    },
]

# Books --------------------------------------------------------------------------------------
# Real, well-known works: title, authors, subject slug, grade band, summary. No ISBN, publisher
# or year: a library's own edition is not known here, and a first-publication year is not the
# year of the copy on the shelf. "small" marks books also held by the primary school library.

REAL_BOOKS = [
    {
        "title": "Dế Mèn phiêu lưu ký",
        "authors": "Tô Hoài",
        "subject": "thieu-nhi",
        "grade_band": "tieu_hoc",
        "summary": "Truyện đồng thoại của Tô Hoài, in lần đầu năm 1941, kể chuyến phiêu lưu "
        "của chú Dế Mèn.",
        "small": True,
    },
    {
        "title": "Đất rừng phương Nam",
        "authors": "Đoàn Giỏi",
        "subject": "thieu-nhi",
        "grade_band": "thcs",
        "summary": "Tiểu thuyết của Đoàn Giỏi (1957) về cậu bé An lưu lạc giữa rừng tràm, sông "
        "nước Nam Bộ thời kháng chiến chống Pháp.",
        "small": True,
    },
    {
        "title": "Góc sân và khoảng trời",
        "authors": "Trần Đăng Khoa",
        "subject": "thieu-nhi",
        "grade_band": "tieu_hoc",
        "summary": "Tập thơ của Trần Đăng Khoa, in năm 1968 khi tác giả mới mười tuổi.",
        "small": True,
    },
    {
        "title": "Quê nội",
        "authors": "Võ Quảng",
        "subject": "thieu-nhi",
        "grade_band": "tieu_hoc",
        "summary": "Truyện của Võ Quảng về một làng quê Quảng Nam những ngày đầu sau Cách mạng "
        "tháng Tám.",
        "small": True,
    },
    {
        "title": "Kính vạn hoa",
        "authors": "Nguyễn Nhật Ánh",
        "subject": "thieu-nhi",
        "grade_band": "thcs",
        "summary": "Bộ truyện nhiều tập của Nguyễn Nhật Ánh về nhóm bạn Quý ròm, Tiểu Long và "
        "nhỏ Hạnh.",
        "small": True,
    },
    {
        "title": "Cho tôi xin một vé đi tuổi thơ",
        "authors": "Nguyễn Nhật Ánh",
        "subject": "thieu-nhi",
        "grade_band": "thcs",
        "summary": "Truyện dài của Nguyễn Nhật Ánh (2008), được trao Giải thưởng Văn học "
        "Đông Nam Á năm 2010.",
        "small": True,
    },
    {
        "title": "Tôi thấy hoa vàng trên cỏ xanh",
        "authors": "Nguyễn Nhật Ánh",
        "subject": "thieu-nhi",
        "grade_band": "thcs",
        "summary": "Truyện dài của Nguyễn Nhật Ánh về tuổi thơ của hai anh em Thiều và Tường ở "
        "một làng quê nghèo.",
        "small": True,
    },
    {
        "title": "Tuổi thơ dữ dội",
        "authors": "Phùng Quán",
        "subject": "thieu-nhi",
        "grade_band": "thcs",
        "summary": "Tiểu thuyết của Phùng Quán (1988) về những thiếu niên trinh sát ở Huế trong "
        "kháng chiến chống Pháp.",
        "small": False,
    },
    {
        "title": "Hoàng tử bé",
        "authors": "Antoine de Saint-Exupéry",
        "subject": "thieu-nhi",
        "grade_band": "moi_lua_tuoi",
        "summary": "Bản dịch tiếng Việt truyện Le Petit Prince (1943) của nhà văn Pháp Antoine "
        "de Saint-Exupéry.",
        "small": True,
    },
    {
        "title": "Không gia đình",
        "authors": "Hector Malot",
        "subject": "van-hoc",
        "grade_band": "thcs",
        "summary": "Bản dịch tiếng Việt tiểu thuyết Sans famille (1878) của Hector Malot về cậu "
        "bé Rémi.",
        "small": True,
    },
    {
        "title": "Truyện Kiều",
        "authors": "Nguyễn Du",
        "subject": "van-hoc",
        "grade_band": "thpt",
        "summary": "Truyện thơ lục bát của Nguyễn Du (1765–1820), tên chữ là Đoạn trường tân "
        "thanh, gồm 3.254 câu thơ kể cuộc đời Thúy Kiều.",
        "small": True,
        "ebook": "truyen-kieu",
    },
    {
        "title": "Lục Vân Tiên",
        "authors": "Nguyễn Đình Chiểu",
        "subject": "van-hoc",
        "grade_band": "thcs",
        "summary": "Truyện thơ Nôm của Nguyễn Đình Chiểu (1822–1888), đề cao đạo lý nhân nghĩa.",
        "small": True,
    },
    {
        "title": "Tắt đèn",
        "authors": "Ngô Tất Tố",
        "subject": "van-hoc",
        "grade_band": "thpt",
        "summary": "Tiểu thuyết của Ngô Tất Tố (1939) về cảnh sưu thuế ở nông thôn Bắc Bộ trước "
        "Cách mạng, qua nhân vật chị Dậu.",
        "small": False,
    },
    {
        "title": "Số đỏ",
        "authors": "Vũ Trọng Phụng",
        "subject": "van-hoc",
        "grade_band": "thpt",
        "summary": "Tiểu thuyết trào phúng của Vũ Trọng Phụng (1936) với nhân vật Xuân Tóc Đỏ.",
        "small": False,
    },
    {
        "title": "Chí Phèo",
        "authors": "Nam Cao",
        "subject": "van-hoc",
        "grade_band": "thpt",
        "summary": "Truyện ngắn của Nam Cao (1941) về bi kịch của người nông dân Chí Phèo ở "
        "làng Vũ Đại.",
        "small": False,
    },
    {
        "title": "Lão Hạc",
        "authors": "Nam Cao",
        "subject": "van-hoc",
        "grade_band": "thcs",
        "summary": "Truyện ngắn của Nam Cao (1943) về một lão nông nghèo giàu lòng tự trọng "
        "và thương con.",
        "small": False,
    },
    {
        "title": "Vợ nhặt",
        "authors": "Kim Lân",
        "subject": "van-hoc",
        "grade_band": "thpt",
        "summary": "Truyện ngắn của Kim Lân lấy bối cảnh nạn đói năm Ất Dậu 1945.",
        "small": False,
    },
    {
        "title": "Những ngày thơ ấu",
        "authors": "Nguyên Hồng",
        "subject": "van-hoc",
        "grade_band": "thcs",
        "summary": "Tập hồi ký của Nguyên Hồng về tuổi thơ nhiều cay đắng của tác giả.",
        "small": False,
    },
    {
        "title": "Gió đầu mùa",
        "authors": "Thạch Lam",
        "subject": "van-hoc",
        "grade_band": "thcs",
        "summary": "Tập truyện ngắn đầu tay của Thạch Lam (1937).",
        "small": False,
    },
    {
        "title": "Vang bóng một thời",
        "authors": "Nguyễn Tuân",
        "subject": "van-hoc",
        "grade_band": "thpt",
        "summary": "Tập truyện ngắn của Nguyễn Tuân (1940), trong đó có truyện Chữ người tử tù.",
        "small": False,
    },
    {
        "title": "Rừng xà nu",
        "authors": "Nguyễn Trung Thành",
        "subject": "van-hoc",
        "grade_band": "thpt",
        "summary": "Truyện ngắn của Nguyễn Trung Thành (1965) về cuộc nổi dậy của làng Xô Man "
        "ở Tây Nguyên.",
        "small": False,
    },
    {
        "title": "Chiếc lược ngà",
        "authors": "Nguyễn Quang Sáng",
        "subject": "van-hoc",
        "grade_band": "thcs",
        "summary": "Truyện ngắn của Nguyễn Quang Sáng (1966) về tình cha con của ông Sáu và bé "
        "Thu trong chiến tranh.",
        "small": False,
    },
    {
        "title": "Mắt biếc",
        "authors": "Nguyễn Nhật Ánh",
        "subject": "van-hoc",
        "grade_band": "thpt",
        "summary": "Truyện dài của Nguyễn Nhật Ánh (1990) về mối tình của Ngạn với Hà Lan.",
        "small": False,
    },
    {
        "title": "Hoàng Lê nhất thống chí",
        "authors": "Ngô gia văn phái",
        "subject": "van-hoc",
        "grade_band": "thpt",
        "summary": "Tiểu thuyết chương hồi viết bằng chữ Hán của các tác giả dòng họ Ngô Thì, "
        "về giai đoạn cuối Lê – Tây Sơn.",
        "small": False,
    },
    {
        "title": "Nhật ký trong tù",
        "authors": "Hồ Chí Minh",
        "subject": "van-hoc",
        "grade_band": "thpt",
        "summary": "Tập thơ chữ Hán Chủ tịch Hồ Chí Minh viết khi bị giam ở Quảng Tây, Trung Quốc "
        "(1942–1943).",
        "small": False,
    },
    {
        "title": "Nhật ký Đặng Thùy Trâm",
        "authors": "Đặng Thùy Trâm",
        "subject": "lich-su",
        "grade_band": "thpt",
        "summary": "Nhật ký của bác sĩ, liệt sĩ Đặng Thùy Trâm (1942–1970) viết ở chiến trường "
        "Đức Phổ, Quảng Ngãi; xuất bản năm 2005.",
        "small": False,
    },
    {
        "title": "Đường Kách mệnh",
        "authors": "Nguyễn Ái Quốc",
        "subject": "lich-su",
        "grade_band": "thpt",
        "summary": "Tập bài giảng của Nguyễn Ái Quốc cho các lớp huấn luyện cán bộ ở Quảng Châu, "
        "xuất bản năm 1927.",
        "small": False,
    },
    {
        "title": "Việt Nam sử lược",
        "authors": "Trần Trọng Kim",
        "subject": "lich-su",
        "grade_band": "thpt",
        "summary": "Bộ thông sử Việt Nam viết bằng chữ quốc ngữ của Trần Trọng Kim, ra đời đầu "
        "thập niên 1920.",
        "small": False,
    },
    {
        "title": "Đại Việt sử ký toàn thư",
        "authors": "Ngô Sĩ Liên và các sử thần triều Lê",
        "subject": "tham-khao",
        "grade_band": "moi_lua_tuoi",
        "summary": "Bộ quốc sử thời Lê, một nguồn sử liệu quan trọng về lịch sử Việt Nam.",
        "small": False,
    },
    {
        "title": "Gia Định thành thông chí",
        "authors": "Trịnh Hoài Đức",
        "subject": "tham-khao",
        "grade_band": "moi_lua_tuoi",
        "summary": "Sách địa chí về vùng đất Gia Định của Trịnh Hoài Đức, soạn đầu thế kỷ XIX.",
        "small": False,
    },
    {
        "title": "Từ điển tiếng Việt",
        "authors": "Viện Ngôn ngữ học (Hoàng Phê chủ biên)",
        "subject": "tham-khao",
        "grade_band": "moi_lua_tuoi",
        "summary": "Từ điển tiếng Việt thông dụng do Viện Ngôn ngữ học biên soạn.",
        "small": True,
    },
    {
        "title": "Việt Nam văn hóa sử cương",
        "authors": "Đào Duy Anh",
        "subject": "van-hoa",
        "grade_band": "thpt",
        "summary": "Công trình khảo cứu văn hóa Việt Nam của Đào Duy Anh, xuất bản năm 1938.",
        "small": False,
    },
    {
        "title": "Cơ sở văn hóa Việt Nam",
        "authors": "Trần Ngọc Thêm",
        "subject": "van-hoa",
        "grade_band": "thpt",
        "summary": "Giáo trình của Trần Ngọc Thêm về các thành tố của văn hóa Việt Nam.",
        "small": False,
    },
    {
        "title": "Đắc nhân tâm",
        "authors": "Dale Carnegie",
        "subject": "ky-nang",
        "grade_band": "moi_lua_tuoi",
        "summary": "Bản dịch tiếng Việt cuốn How to Win Friends and Influence People (1936) của "
        "Dale Carnegie.",
        "small": False,
    },
    {
        "title": "Lược sử thời gian",
        "authors": "Stephen Hawking",
        "subject": "khoa-hoc",
        "grade_band": "thpt",
        "summary": "Bản dịch tiếng Việt cuốn A Brief History of Time (1988) của nhà vật lý "
        "Stephen Hawking.",
        "small": False,
    },
]

GRADE_BAND_LABELS = {
    "mam_non": "Mầm non",
    "tieu_hoc": "Tiểu học",
    "thcs": "THCS",
    "thpt": "THPT",
    "moi_lua_tuoi": "Mọi lứa tuổi",
}

# Generic sample titles: one per subject and grade band, so every library covers every subject
# and every band. They carry sample ISBNs in 978-604-0-99xxx with a computed check digit.
SAMPLE_BOOK_TITLES = {
    "lich-su": [
        "Truyện tranh: Các vua Hùng dựng nước",
        "Em kể chuyện anh hùng nhỏ tuổi",
        "Sài Gòn – Gia Định qua các thời kỳ",
        "Sổ tay ôn tập lịch sử Việt Nam",
        "Chuyện kể về những con đường",
    ],
    "khoa-hoc": [
        "Bé tìm hiểu nước và không khí",
        "Em làm thí nghiệm khoa học",
        "Khám phá vật lý quanh ta",
        "Hóa học trong đời sống",
        "Vũ trụ kỳ thú",
    ],
    "kinh-te": [
        "Bé tập tiết kiệm",
        "Heo đất và đồng tiền đầu tiên",
        "Tài chính cá nhân cho tuổi teen",
        "Kinh tế học nhập môn cho học sinh",
        "Khởi nghiệp từ ý tưởng nhỏ",
    ],
    "van-hoa": [
        "Tết quê em",
        "Trò chơi dân gian Việt Nam",
        "Lễ hội truyền thống các vùng miền",
        "Áo dài và di sản văn hóa",
        "Ẩm thực Nam Bộ",
    ],
    "tu-nhien-xa-hoi": [
        "Bé và các con vật",
        "Gia đình và trường học của em",
        "Thiên nhiên Nam Bộ",
        "Địa lý thành phố em",
        "Sông nước và rừng ngập mặn",
    ],
    "ky-nang": [
        "Bé tự phục vụ",
        "Sổ tay kỹ năng an toàn giao thông",
        "Kỹ năng làm việc nhóm",
        "Kỹ năng thuyết trình",
        "Kỹ năng sống xanh",
    ],
    "cong-nghe": [
        "Bé làm quen máy tính",
        "Lập trình Scratch cho thiếu nhi",
        "Chế tạo robot đơn giản",
        "An toàn trên mạng",
        "Trí tuệ nhân tạo nhập môn",
    ],
    "van-hoc": [
        "Đồng dao cho bé",
        "Truyện cổ tích Việt Nam chọn lọc",
        "Tuyển tập truyện ngắn học trò",
        "Thơ hay tuổi học trò",
        "Tản văn về Sài Gòn",
    ],
    "thieu-nhi": [
        "Chú mèo con tập đếm",
        "Cuộc phiêu lưu của giọt nước",
        "Nhật ký chú ếch xanh",
        "Chuyến tàu mùa hè",
        "Cổ tích cho mọi nhà",
    ],
    "tham-khao": [
        "Từ điển tranh cho bé",
        "Sổ tay chính tả tiểu học",
        "Sổ tay Toán THCS",
        "Sổ tay Ngữ văn THPT",
        "Atlat Địa lý phổ thông",
    ],
}
SAMPLE_BAND_ORDER = ["mam_non", "tieu_hoc", "thcs", "thpt", "moi_lua_tuoi"]
SAMPLE_AUTHOR = "Nhóm tác giả mẫu"
SAMPLE_PUBLISHER = "Nhà xuất bản Mẫu (hư cấu)"

# E-books generated at load time: original sample texts, or public-domain classics.
EBOOKS = {
    "truyen-kieu": {
        "title": "Truyện Kiều – trích đoạn mở đầu (sách điện tử mẫu)",
        "heading": "Truyện Kiều",
        "author": "Nguyễn Du (1765–1820)",
        "paragraphs": [
            "Trăm năm trong cõi người ta,",
            "Chữ tài chữ mệnh khéo là ghét nhau.",
            "Trải qua một cuộc bể dâu,",
            "Những điều trông thấy mà đau đớn lòng.",
            "Lạ gì bỉ sắc tư phong,",
            "Trời xanh quen thói má hồng đánh ghen.",
            "Cảo thơm lần giở trước đèn,",
            "Phong tình cổ lục còn truyền sử xanh.",
            "Rằng năm Gia Tĩnh triều Minh,",
            "Bốn phương phẳng lặng, hai kinh vững vàng.",
            "",
            "(Trích đoạn mở đầu; tác phẩm thuộc phạm vi công cộng. "
            "Tệp PDF mẫu do Sohoa tạo tự động.)",
        ],
    },
    "an-toan-giao-thong": {
        "title": "Sổ tay kỹ năng an toàn giao thông (sách điện tử mẫu)",
        "heading": "Sổ tay kỹ năng an toàn giao thông",
        "author": "Sách mẫu do Sohoa tạo tự động",
        "paragraphs": [
            "1. Luôn đội mũ bảo hiểm đạt chuẩn và cài quai khi ngồi trên xe máy.",
            "2. Đi bộ trên vỉa hè; qua đường ở nơi có vạch kẻ và đèn tín hiệu.",
            "3. Nhìn trái, nhìn phải, rồi nhìn trái lần nữa trước khi sang đường.",
            "4. Không đùa nghịch, không chạy nhảy dưới lòng đường.",
            "5. Ngồi sau xe đạp, xe máy: ngồi ngay ngắn, bám chắc người lái.",
            "",
            "Đây là nội dung mẫu để thử chức năng đọc sách điện tử trên điện thoại.",
        ],
    },
    "nhung-con-duong": {
        "title": "Chuyện kể về những con đường (sách điện tử mẫu)",
        "heading": "Chuyện kể về những con đường",
        "author": "Sách mẫu do Sohoa tạo tự động",
        "paragraphs": [
            "Mỗi tên đường là một bài học lịch sử nhỏ. Đường Lê Lợi nhắc ta nhớ người lãnh đạo "
            "khởi nghĩa Lam Sơn; đường Lý Tự Trọng nhắc tấm gương người thanh niên cộng sản "
            "hy sinh khi chưa tròn mười tám tuổi; đường Nam Kỳ Khởi Nghĩa ghi dấu cuộc khởi "
            "nghĩa tháng 11 năm 1940.",
            "Lần tới khi đi qua một tấm biển tên đường có mã QR, em hãy quét mã để đọc câu "
            "chuyện phía sau cái tên ấy.",
            "",
            "Đây là nội dung mẫu để thử chức năng đọc sách điện tử trên điện thoại.",
        ],
    },
}
SAMPLE_EBOOK_TITLES = {
    "Sổ tay kỹ năng an toàn giao thông": "an-toan-giao-thong",
    "Chuyện kể về những con đường": "nhung-con-duong",
}

# Streets: real streets of central Hồ Chí Minh City and the people or events they honour --------

STREETS = [
    {
        "slug": "duong-le-loi",
        "title": "Đường Lê Lợi",
        "namesake": "Lê Lợi – vua Lê Thái Tổ (1385–1433)",
        "namesake_bio": (
            "<p>Lê Lợi lãnh đạo cuộc khởi nghĩa Lam Sơn (1418–1427) đánh đuổi quân Minh, giành "
            "lại độc lập cho Đại Việt. Năm 1428 ông lên ngôi hoàng đế, lập ra nhà Hậu Lê, "
            "tức vua Lê Thái Tổ.</p>"
        ),
        "former_names": "Boulevard Bonard (thời Pháp thuộc)",
        "summary": "Đường mang tên Lê Lợi, người lãnh đạo khởi nghĩa Lam Sơn, nối Nhà hát Thành "
        "phố với chợ Bến Thành; tuyến metro số 1 chạy ngầm bên dưới.",
        "ward": "Phường Bến Nghé, Phường Bến Thành",
        "district": "Quận 1",
        "point": (10.7745, 106.7006),
        "start_point": "Công trường Lam Sơn (Nhà hát Thành phố)",
        "start": (10.7766, 106.7029),
        "end_point": "Công trường Quách Thị Trang (chợ Bến Thành)",
        "end": (10.7723, 106.6983),
        "places": [
            ("Nhà hát Thành phố", "khac", "7 Công trường Lam Sơn, Quận 1", (10.7766, 106.7031)),
            ("Chợ Bến Thành", "cho", "Công trường Quách Thị Trang, Quận 1", (10.7725, 106.6980)),
            ("Ga ngầm Bến Thành (Metro số 1)", "khac", "Khu vực chợ Bến Thành", None),
        ],
        "body": [
            (
                "p",
                "<p>Đường Lê Lợi là một trục phố trung tâm của Quận 1. Bên dưới mặt đường là "
                "đoạn đi ngầm của tuyến Metro số 1 Bến Thành – Suối Tiên, đưa vào vận hành "
                "thương mại tháng 12/2024.</p>",
            ),
            (
                "quote",
                "Như nước Đại Việt ta từ trước, / Vốn xưng nền văn hiến đã lâu.",
                "Nguyễn Trãi, Bình Ngô đại cáo (1428), viết sau thắng lợi của khởi nghĩa Lam Sơn",
            ),
        ],
        "local_specialties": "<p>Nhà sách, cửa hàng lưu niệm, quán cà phê quanh chợ Bến Thành.</p>",
        "suggested_tours": "<p>Đi bộ từ Nhà hát Thành phố dọc đường Lê Lợi tới chợ Bến Thành, "
        "rồi vòng sang phố đi bộ Nguyễn Huệ.</p>",
    },
    {
        "slug": "duong-nguyen-hue",
        "title": "Đường Nguyễn Huệ",
        "namesake": "Nguyễn Huệ – Hoàng đế Quang Trung (1753–1792)",
        "namesake_bio": (
            "<p>Nguyễn Huệ là một trong ba anh em lãnh đạo phong trào Tây Sơn. Ông đánh tan "
            "quân Xiêm ở Rạch Gầm – Xoài Mút (1785), lên ngôi hoàng đế năm 1788 lấy niên hiệu "
            "Quang Trung, rồi đại phá quân Thanh dịp Tết Kỷ Dậu (1789).</p>"
        ),
        "former_names": "Boulevard Charner (thời Pháp thuộc)",
        "summary": "Đường mang tên Hoàng đế Quang Trung, nay là phố đi bộ trước trụ sở Ủy ban "
        "nhân dân Thành phố.",
        "ward": "Phường Bến Nghé",
        "district": "Quận 1",
        "point": (10.7745, 106.7033),
        "start_point": "Trụ sở Ủy ban nhân dân Thành phố (đường Lê Thánh Tôn)",
        "start": (10.7764, 106.7010),
        "end_point": "Đường Tôn Đức Thắng (bến Bạch Đằng)",
        "end": (10.7727, 106.7057),
        "places": [
            (
                "Trụ sở Ủy ban nhân dân Thành phố",
                "co_quan",
                "86 Lê Thánh Tôn, Quận 1",
                (10.7765, 106.7009),
            ),
            ("Tượng đài Chủ tịch Hồ Chí Minh", "di_tich", "Đầu phố đi bộ Nguyễn Huệ", None),
        ],
        "body": [
            (
                "p",
                "<p>Năm 2015, đường Nguyễn Huệ được cải tạo thành phố đi bộ, cùng năm tượng "
                "đài Chủ tịch Hồ Chí Minh được khánh thành trước trụ sở Ủy ban nhân dân Thành "
                "phố. Đây là nơi diễn ra nhiều sự kiện lớn của Thành phố.</p>",
            ),
            (
                "facts",
                "Thông tin nhanh",
                [
                    ("Tên cũ", "Boulevard Charner"),
                    ("Phố đi bộ", "Từ năm 2015"),
                ],
            ),
        ],
        "local_specialties": "",
        "suggested_tours": "<p>Buổi tối cuối tuần: dạo phố đi bộ, xem nhạc nước và ngắm trụ sở "
        "Ủy ban nhân dân Thành phố lên đèn.</p>",
    },
    {
        "slug": "duong-hai-ba-trung",
        "title": "Đường Hai Bà Trưng",
        "namesake": "Hai Bà Trưng – Trưng Trắc, Trưng Nhị",
        "namesake_bio": (
            "<p>Năm 40, hai chị em Trưng Trắc, Trưng Nhị phất cờ khởi nghĩa chống ách đô hộ "
            "của nhà Đông Hán, đánh đuổi thái thú Tô Định. Trưng Trắc xưng vương, đóng đô ở Mê "
            "Linh. Năm 43, cuộc khởi nghĩa bị quân của Mã Viện đàn áp.</p>"
        ),
        "former_names": "Rue Paul Blanchy (thời Pháp thuộc)",
        "summary": "Đường mang tên Hai Bà Trưng, chạy từ bến Bạch Đằng qua Tân Định, nơi có nhà "
        "thờ Tân Định màu hồng nổi tiếng.",
        "ward": "Phường Bến Nghé, Phường Đa Kao, Phường Tân Định; Phường 6, Phường 8",
        "district": "Quận 1, Quận 3",
        "point": (10.7860, 106.6948),
        "places": [
            (
                "Nhà thờ Tân Định",
                "khac",
                "289 Hai Bà Trưng, Phường 8, Quận 3",
                (10.7887, 106.6906),
            ),
            ("Chợ Tân Định", "cho", "Khu vực đường Hai Bà Trưng, Quận 1", (10.7895, 106.6897)),
        ],
        "body": [
            (
                "p",
                "<p>Nhà thờ Tân Định (tên chính thức: Nhà thờ Thánh Tâm Chúa Giêsu) được xây "
                "dựng trong những năm 1870–1876, là một trong những nhà thờ cổ lớn của "
                "Sài Gòn.</p>",
            ),
            (
                "quote",
                "Một xin rửa sạch nước thù, / Hai xin đem lại nghiệp xưa họ Hùng.",
                "Lời thề của Hai Bà Trưng theo Thiên Nam ngữ lục",
            ),
        ],
        "local_specialties": "<p>Chợ Tân Định nổi tiếng với hàng vải và đồ khô.</p>",
        "suggested_tours": "",
    },
    {
        "slug": "duong-ly-tu-trong",
        "title": "Đường Lý Tự Trọng",
        "namesake": "Lý Tự Trọng (1914–1931)",
        "namesake_bio": (
            "<p>Lý Tự Trọng (tên thật Lê Văn Trọng) là một trong những thanh niên được Nguyễn "
            "Ái Quốc đào tạo. Năm 1931, để bảo vệ đồng chí, anh bắn chết tên mật thám Pháp "
            "Legrand, bị bắt và bị xử tử ngày 21/11/1931 khi chưa tròn 18 tuổi. Anh là tấm "
            "gương tiêu biểu của tuổi trẻ Việt Nam; Trung ương Đoàn lấy tên anh đặt cho Giải "
            "thưởng Lý Tự Trọng.</p>"
        ),
        "former_names": "Gia Long (1955–1975)",
        "summary": "Đường mang tên người đoàn viên thanh niên cộng sản Lý Tự Trọng, nơi có Bảo "
        "tàng Thành phố Hồ Chí Minh.",
        "ward": "Phường Bến Nghé, Phường Bến Thành",
        "district": "Quận 1",
        "point": (10.7775, 106.6990),
        "places": [
            (
                "Bảo tàng Thành phố Hồ Chí Minh",
                "di_tich",
                "65 Lý Tự Trọng, Quận 1",
                (10.7763, 106.7000),
            ),
            (
                "Trường THPT chuyên Trần Đại Nghĩa",
                "truong_hoc",
                "20 Lý Tự Trọng, Quận 1",
                (10.7815, 106.7040),
            ),
        ],
        "body": [
            (
                "quote",
                "Con đường của thanh niên chỉ có thể là con đường cách mạng, không thể là con "
                "đường nào khác.",
                "Lý Tự Trọng, trước tòa án thực dân (1931)",
            ),
            (
                "p",
                "<p>Bảo tàng Thành phố Hồ Chí Minh đặt tại tòa nhà số 65 Lý Tự Trọng, xưa "
                "quen gọi là Dinh Gia Long.</p>",
            ),
        ],
        "local_specialties": "",
        "suggested_tours": "<p>Tham quan Bảo tàng Thành phố, rồi đi bộ sang Dinh Độc Lập và "
        "công viên 30/4.</p>",
    },
    {
        "slug": "duong-nguyen-thi-minh-khai",
        "title": "Đường Nguyễn Thị Minh Khai",
        "namesake": "Nguyễn Thị Minh Khai (1910–1941)",
        "namesake_bio": (
            "<p>Nguyễn Thị Minh Khai, quê ở Vinh (Nghệ An), là nhà cách mạng, từng dự Đại hội "
            "VII Quốc tế Cộng sản tại Moskva (1935). Về nước, bà làm Bí thư Thành ủy Sài Gòn – "
            "Chợ Lớn, bị bắt năm 1940 và bị thực dân Pháp xử bắn ở Hóc Môn ngày 28/8/1941.</p>"
        ),
        "former_names": "Chasseloup-Laubat (thời Pháp thuộc)\nHồng Thập Tự (1955–1975)",
        "summary": "Đường mang tên nữ chiến sĩ cách mạng Nguyễn Thị Minh Khai, qua công viên Tao "
        "Đàn và nhiều trường học.",
        "ward": "Phường Bến Thành, Phường Đa Kao; Phường 5, Phường 6",
        "district": "Quận 1, Quận 3",
        "point": (10.7812, 106.6945),
        "places": [
            ("Công viên Tao Đàn", "khac", "55C Nguyễn Thị Minh Khai, Quận 1", (10.7745, 106.6925)),
            (
                "Trường THPT Lê Quý Đôn",
                "truong_hoc",
                "110 Nguyễn Thị Minh Khai, Phường 6, Quận 3",
                (10.7809, 106.6950),
            ),
            ("Nhà Văn hóa Lao động", "co_quan", "55B Nguyễn Thị Minh Khai, Quận 1", None),
        ],
        "body": [
            (
                "p",
                "<p>Cùng ngày 28/8/1941, thực dân Pháp xử bắn ở Hóc Môn nhiều nhà lãnh đạo cách "
                "mạng, trong đó có Nguyễn Văn Cừ, Hà Huy Tập, Võ Văn Tần và Nguyễn Thị Minh "
                "Khai.</p>",
            ),
        ],
        "local_specialties": "",
        "suggested_tours": "",
    },
    {
        "slug": "duong-vo-van-tan",
        "title": "Đường Võ Văn Tần",
        "namesake": "Võ Văn Tần (1891–1941)",
        "namesake_bio": (
            "<p>Võ Văn Tần, quê Đức Hòa (Long An), là Bí thư Xứ ủy Nam Kỳ, tham gia chuẩn bị "
            "cuộc khởi nghĩa Nam Kỳ. Ông bị bắt năm 1940 và bị thực dân Pháp xử bắn ngày "
            "28/8/1941.</p>"
        ),
        "former_names": "",
        "summary": "Đường mang tên nhà cách mạng Võ Văn Tần, nơi có Bảo tàng Chứng tích Chiến "
        "tranh và Hồ Con Rùa.",
        "ward": "Phường 5, Phường 6",
        "district": "Quận 3",
        "point": (10.7790, 106.6905),
        "places": [
            (
                "Bảo tàng Chứng tích Chiến tranh",
                "di_tich",
                "28 Võ Văn Tần, Phường 6, Quận 3",
                (10.7795, 106.6921),
            ),
            (
                "Hồ Con Rùa (Công trường Quốc tế)",
                "khac",
                "Giao lộ Võ Văn Tần – Phạm Ngọc Thạch – Trần Cao Vân",
                (10.7826, 106.6958),
            ),
        ],
        "body": [
            (
                "facts",
                "Gợi ý cho học sinh",
                [
                    ("Địa chỉ đỏ", "Bảo tàng Chứng tích Chiến tranh"),
                    ("Liên hệ bài học", "Khởi nghĩa Nam Kỳ (11/1940)"),
                ],
            ),
        ],
        "local_specialties": "",
        "suggested_tours": "<p>Tham quan Bảo tàng Chứng tích Chiến tranh, nghỉ chân ở Hồ Con "
        "Rùa.</p>",
    },
    {
        "slug": "duong-nam-ky-khoi-nghia",
        "title": "Đường Nam Kỳ Khởi Nghĩa",
        "namesake": "Khởi nghĩa Nam Kỳ (23/11/1940)",
        "namesake_bio": (
            "<p>Cuộc khởi nghĩa Nam Kỳ nổ ra đêm 22 rạng sáng 23/11/1940 ở nhiều tỉnh Nam Kỳ. "
            "Khởi nghĩa bị thực dân Pháp đàn áp, nhưng lá cờ đỏ sao vàng lần đầu tiên xuất "
            "hiện trong cuộc khởi nghĩa này.</p>"
        ),
        "former_names": "Công Lý (1955–1975)",
        "summary": "Đường mang tên cuộc khởi nghĩa Nam Kỳ năm 1940, chạy ngang Dinh Độc Lập.",
        "ward": "Phường Bến Thành, Phường Bến Nghé; Phường Võ Thị Sáu",
        "district": "Quận 1, Quận 3",
        "point": (10.7790, 106.6935),
        "places": [
            (
                "Dinh Độc Lập",
                "di_tich",
                "135 Nam Kỳ Khởi Nghĩa, Phường Bến Thành, Quận 1",
                (10.7770, 106.6955),
            ),
        ],
        "body": [
            (
                "p",
                "<p>Ngày 23/11 hằng năm là ngày kỷ niệm khởi nghĩa Nam Kỳ. Tên đường nhắc "
                "nhớ tinh thần đứng lên giành độc lập của nhân dân Nam Bộ.</p>",
            ),
        ],
        "local_specialties": "",
        "suggested_tours": "",
    },
    {
        "slug": "duong-dien-bien-phu",
        "title": "Đường Điện Biên Phủ",
        "namesake": "Chiến thắng Điện Biên Phủ (7/5/1954)",
        "namesake_bio": (
            "<p>Chiến thắng Điện Biên Phủ ngày 7/5/1954 kết thúc 56 ngày đêm chiến đấu, buộc "
            "thực dân Pháp ký Hiệp định Genève (7/1954), chấm dứt chiến tranh ở Đông Dương.</p>"
        ),
        "former_names": "",
        "summary": "Đường mang tên chiến thắng Điện Biên Phủ năm 1954, trục giao thông qua nhiều "
        "quận trung tâm.",
        "ward": "",
        "district": "Quận 1, Quận 3, Quận 10, Quận Bình Thạnh",
        "point": (10.7880, 106.6960),
        "places": [
            (
                "Công viên Lê Văn Tám",
                "khac",
                "Giữa Hai Bà Trưng, Điện Biên Phủ và Võ Thị Sáu, Quận 1",
                (10.7875, 106.6950),
            ),
        ],
        "body": [
            (
                "quote",
                "Hoan hô chiến sĩ Điện Biên / Chiến sĩ anh hùng / Đầu nung lửa sắt / Năm mươi "
                "sáu ngày đêm khoét núi, ngủ hầm, mưa dầm, cơm vắt",
                "Tố Hữu, Hoan hô chiến sĩ Điện Biên (1954)",
            ),
        ],
        "local_specialties": "",
        "suggested_tours": "",
    },
    {
        "slug": "duong-vo-thi-sau",
        "title": "Đường Võ Thị Sáu",
        "namesake": "Võ Thị Sáu (1933–1952)",
        "namesake_bio": (
            "<p>Võ Thị Sáu, quê Đất Đỏ (Bà Rịa), tham gia kháng chiến chống Pháp từ khi còn "
            "rất nhỏ. Chị bị bắt và bị thực dân Pháp xử bắn ở Côn Đảo ngày 23/1/1952, khi "
            "chưa tròn 20 tuổi; chị được truy tặng danh hiệu Anh hùng Lực lượng vũ trang nhân "
            "dân.</p>"
        ),
        "former_names": "",
        "summary": "Đường mang tên nữ anh hùng Võ Thị Sáu, nơi có Đền thờ Đức Thánh Trần Hưng Đạo.",
        "ward": "Phường Tân Định; Phường Võ Thị Sáu",
        "district": "Quận 1, Quận 3",
        "point": (10.7885, 106.6915),
        "places": [
            (
                "Đền thờ Đức Thánh Trần Hưng Đạo",
                "di_tich",
                "36 Võ Thị Sáu, Phường Tân Định, Quận 1",
                (10.7903, 106.6960),
            ),
        ],
        "body": [
            (
                "p",
                "<p>Đền thờ Đức Thánh Trần Hưng Đạo trên đường Võ Thị Sáu được xây dựng năm "
                "1932, xây lại trong những năm 1957–1958 và được xếp hạng di tích cấp thành "
                "phố.</p>",
            ),
        ],
        "local_specialties": "",
        "suggested_tours": "",
    },
    {
        "slug": "duong-tran-hung-dao",
        "title": "Đường Trần Hưng Đạo",
        "namesake": "Hưng Đạo Đại vương Trần Quốc Tuấn (mất năm 1300)",
        "namesake_bio": (
            "<p>Trần Quốc Tuấn, tước Hưng Đạo Đại vương, là vị tướng chỉ huy quân dân Đại Việt "
            "đánh thắng quân Nguyên – Mông, tiêu biểu là trận Bạch Đằng năm 1288. Ông là tác "
            "giả Hịch tướng sĩ.</p>"
        ),
        "former_names": "",
        "summary": "Đường mang tên Hưng Đạo Đại vương Trần Quốc Tuấn, nối trung tâm Quận 1 với "
        "Chợ Lớn.",
        "ward": "",
        "district": "Quận 1, Quận 5",
        "point": (10.7590, 106.6850),
        "start_point": "Công trường Quách Thị Trang (chợ Bến Thành)",
        "start": (10.7718, 106.6980),
        "places": [
            (
                "Mộ Trương Vĩnh Ký",
                "di_tich",
                "520 Trần Hưng Đạo, Phường 2, Quận 5",
                None,
            ),
        ],
        "body": [
            (
                "quote",
                "Ta thường tới bữa quên ăn, nửa đêm vỗ gối; ruột đau như cắt, nước mắt đầm đìa; "
                "chỉ căm tức chưa xả thịt lột da, nuốt gan uống máu quân thù.",
                "Trần Quốc Tuấn, Hịch tướng sĩ",
            ),
        ],
        "local_specialties": "",
        "suggested_tours": "",
    },
]

# Heritage sites: rankings checked against press reports; decision numbers only when published.

HERITAGE = [
    {
        "slug": "dinh-doc-lap",
        "title": "Dinh Độc Lập",
        "other_names": "Dinh Norodom (thời Pháp thuộc)\nHội trường Thống Nhất",
        "kind": "lich_su",
        "ranking": "quoc_gia_dac_biet",
        "period": "1868 – nay",
        "summary": "Di tích quốc gia đặc biệt, nơi ghi dấu thời khắc kết thúc chiến tranh trưa "
        "ngày 30/4/1975.",
        "address": "135 Nam Kỳ Khởi Nghĩa",
        "ward": "Phường Bến Thành",
        "district": "Quận 1",
        "point": (10.7770, 106.6955),
        "history": [
            (
                1868,
                "Khởi công Dinh Norodom",
                "Chính quyền thuộc địa Pháp khởi công dinh thự mang tên Norodom trên khu đất này.",
            ),
            (
                1962,
                "Dinh cũ bị ném bom",
                "Dinh bị hư hại nặng sau vụ ném bom ngày 27/2/1962; "
                "dinh cũ được phá bỏ để xây dinh mới.",
            ),
            (
                1966,
                "Khánh thành dinh mới",
                "Dinh mới do kiến trúc sư Ngô Viết Thụ thiết kế, khánh thành ngày 31/10/1966.",
            ),
            (
                1975,
                "Trưa 30/4/1975",
                "Xe tăng Quân Giải phóng húc đổ cổng dinh; chiến tranh "
                "kết thúc, đất nước thống nhất.",
            ),
        ],
        "notable_people": [
            (
                "Ngô Viết Thụ",
                "Kiến trúc sư thiết kế dinh",
                "Kiến trúc sư đoạt giải Khôi nguyên La Mã (1955).",
            ),
        ],
        "notable_events": "<p>Tháng 11/1975, Hội nghị Hiệp thương chính trị thống nhất đất nước "
        "được tổ chức tại đây.</p>",
        "body": [
            (
                "p",
                "<p>Dinh Độc Lập là công trình kiến trúc tiêu biểu của thập niên 1960, kết hợp "
                "kiến trúc hiện đại với các họa tiết truyền thống Á Đông.</p>",
            ),
            (
                "facts",
                "Thông tin nhanh",
                [
                    ("Xếp hạng", "Di tích quốc gia đặc biệt"),
                    ("Kiến trúc sư", "Ngô Viết Thụ"),
                    ("Khánh thành", "31/10/1966"),
                ],
            ),
        ],
    },
    {
        "slug": "dia-dao-cu-chi",
        "title": "Địa đạo Củ Chi",
        "other_names": "Khu di tích Bến Dược\nKhu di tích Bến Đình",
        "kind": "cach_mang",
        "ranking": "quoc_gia_dac_biet",
        "period": "Kháng chiến chống Pháp và chống Mỹ (1948–1975)",
        "summary": "Di tích quốc gia đặc biệt: hệ thống đường hầm dài hơn 250 km của quân và dân "
        "Củ Chi, vùng đất được mệnh danh “đất thép thành đồng”.",
        "address": "Khu Bến Dược (xã Phú Mỹ Hưng) và khu Bến Đình (xã Nhuận Đức)",
        "ward": "Xã Phú Mỹ Hưng, Xã Nhuận Đức",
        "district": "Huyện Củ Chi",
        "point": (11.1425, 106.4630),
        "history": [
            (
                1948,
                "Những đoạn địa đạo đầu tiên",
                "Quân và dân Củ Chi bắt đầu đào địa đạo trong kháng chiến chống Pháp.",
            ),
            (
                1968,
                "Tổng tiến công Tết Mậu Thân",
                "Địa đạo được mở rộng trong kháng chiến chống "
                "Mỹ, trở thành căn cứ và bàn đạp tiến công Sài Gòn.",
            ),
            (
                2015,
                "Di tích quốc gia đặc biệt",
                "Địa đạo Củ Chi được Thủ tướng Chính phủ xếp hạng di tích quốc gia đặc biệt.",
            ),
        ],
        "notable_people": [],
        "notable_events": "",
        "body": [
            (
                "p",
                "<p>Qua khoảng 20 năm vừa chiến đấu vừa đào (1948–1968), quân và dân Củ Chi đã "
                "tạo nên hơn 250 km đường hầm nhiều tầng, có nơi ăn ở, hội họp, bệnh xá.</p>",
            ),
            (
                "facts",
                "Thông tin nhanh",
                [("Chiều dài", "Hơn 250 km"), ("Xếp hạng", "Quốc gia đặc biệt")],
            ),
        ],
    },
    {
        "slug": "chua-giac-lam",
        "title": "Chùa Giác Lâm",
        "other_names": "Sơn Can\nCẩm Sơn\nCẩm Đệm",
        "kind": "dinh_chua",
        "ranking": "quoc_gia",
        "ranking_decision_number": "1288-VH/QĐ",
        "ranking_decision_date": "1988-11-16",
        "period": "Từ năm 1744",
        "summary": "Một trong những ngôi chùa cổ nhất Sài Gòn – Gia Định, dựng năm 1744; di tích "
        "lịch sử – văn hóa quốc gia.",
        "address": "565 Lạc Long Quân",
        "ward": "Phường 10",
        "district": "Quận Tân Bình",
        "point": (10.7769, 106.6507),
        "history": [
            (
                1744,
                "Lập chùa",
                "Cư sĩ Lý Thụy Long quyên tiền dựng chùa trên gò Cẩm Sơn, ban đầu gọi là Sơn Can.",
            ),
            (
                1774,
                "Đổi tên Giác Lâm",
                "Thiền sư Viên Quang về trụ trì và đặt tên chùa là Giác Lâm.",
            ),
            (
                1988,
                "Di tích quốc gia",
                "Chùa được Bộ Văn hóa công nhận di tích lịch sử – văn hóa quốc gia.",
            ),
        ],
        "notable_people": [
            ("Lý Thụy Long", "Cư sĩ lập chùa", "Người Minh Hương, quyên tiền dựng chùa năm 1744."),
        ],
        "notable_events": "",
        "body": [
            (
                "p",
                "<p>Chùa giữ nhiều tượng cổ, hoành phi, câu đối chạm khắc công phu; trước chính "
                "điện có bảo tháp bảy tầng.</p>",
            ),
        ],
    },
    {
        "slug": "lang-le-van-duyet",
        "title": "Lăng Tả quân Lê Văn Duyệt",
        "other_names": "Lăng Ông Bà Chiểu\nThượng Công miếu",
        "kind": "lich_su",
        "ranking": "quoc_gia",
        "period": "Thế kỷ XIX – nay",
        "summary": "Khu đền và mộ của Tả quân Lê Văn Duyệt (1764–1832), Tổng trấn Gia Định "
        "thành; di tích lịch sử – văn hóa quốc gia.",
        "address": "1 Vũ Tùng",
        "ward": "Phường 1",
        "district": "Quận Bình Thạnh",
        "point": (10.8025, 106.6990),
        "history": [
            (1832, "Tả quân Lê Văn Duyệt qua đời", "Ông được an táng tại vùng Bình Hòa, Gia Định."),
            (
                1835,
                "Mộ bị san bằng",
                "Sau biến loạn thành Phiên An, vua Minh Mạng buộc tội ông và cho san bằng mộ.",
            ),
            (1841, "Đắp lại mộ", "Vua Thiệu Trị cho dẹp bỏ bia kết tội và đắp lại mộ."),
            (
                1989,
                "Di tích quốc gia",
                "Khu lăng được Bộ Văn hóa công nhận di tích lịch sử – văn hóa quốc gia.",
            ),
        ],
        "notable_people": [
            (
                "Lê Văn Duyệt",
                "Tả quân, Tổng trấn Gia Định thành",
                "Danh tướng triều Nguyễn (1764–1832), có công lớn với vùng đất Gia Định.",
            ),
        ],
        "notable_events": "",
        "body": [
            (
                "p",
                "<p>Khu lăng nằm cạnh chợ Bà Chiểu nên người dân quen gọi là Lăng Ông Bà Chiểu. "
                "Dịp Tết Nguyên đán, nơi đây thu hút đông người dân đến viếng.</p>",
            ),
        ],
    },
    {
        "slug": "chua-ngoc-hoang",
        "title": "Chùa Ngọc Hoàng",
        "other_names": "Phước Hải tự\nĐiện Ngọc Hoàng",
        "kind": "dinh_chua",
        "ranking": "quoc_gia",
        "period": "Cuối thế kỷ XIX – nay",
        "summary": "Điện thờ Ngọc Hoàng do người Hoa dựng cuối thế kỷ XIX, nay là chùa Phước Hải; "
        "di tích kiến trúc nghệ thuật quốc gia.",
        "address": "73 Mai Thị Lựu",
        "ward": "Phường Đa Kao",
        "district": "Quận 1",
        "point": (10.7922, 106.6984),
        "history": [
            (
                1892,
                "Dựng điện thờ",
                "Người Hoa gốc Quảng Đông dựng điện thờ Ngọc Hoàng (khoảng 1892–1900).",
            ),
            (1984, "Đổi tên Phước Hải tự", "Điện thờ được đổi tên thành chùa Phước Hải."),
            (
                1994,
                "Di tích quốc gia",
                "Chùa được công nhận di tích kiến trúc nghệ thuật quốc gia.",
            ),
            (
                2016,
                "Tổng thống Hoa Kỳ đến thăm",
                "Ngày 24/5/2016, Tổng thống Barack Obama thăm chùa trong chuyến thăm Việt Nam.",
            ),
        ],
        "notable_people": [],
        "notable_events": "",
        "body": [
            (
                "p",
                "<p>Chùa nổi tiếng với hàng trăm pho tượng và phù điêu bằng gỗ, giấy bồi, gốm "
                "được chạm khắc tinh xảo.</p>",
            ),
        ],
    },
    {
        "slug": "cho-ben-thanh",
        "title": "Chợ Bến Thành",
        "other_names": "",
        "kind": "kien_truc",
        "ranking": "cap_tinh",
        "period": "Từ năm 1914",
        "summary": "Ngôi chợ biểu tượng của Sài Gòn, xây dựng 1912–1914; di tích kiến trúc nghệ "
        "thuật cấp thành phố.",
        "address": "Công trường Quách Thị Trang (giữa Lê Thánh Tôn, Phan Bội Châu, Phan Chu Trinh)",
        "ward": "Phường Bến Thành",
        "district": "Quận 1",
        "point": (10.7725, 106.6980),
        "history": [
            (1912, "Khởi công", "Chợ mới được khởi công xây dựng."),
            (1914, "Hoàn thành", "Chợ hoàn thành vào tháng 3/1914."),
            (
                2024,
                "Di tích cấp thành phố",
                "Ủy ban nhân dân Thành phố xếp hạng chợ là di tích "
                "kiến trúc nghệ thuật cấp thành phố.",
            ),
        ],
        "notable_people": [],
        "notable_events": "",
        "body": [
            (
                "p",
                "<p>Chợ rộng khoảng 13.000 m², là điểm hẹn mua sắm quen thuộc của người dân và "
                "du khách hơn một thế kỷ nay.</p>",
            ),
        ],
    },
    {
        "slug": "buu-dien-trung-tam-sai-gon",
        "title": "Bưu điện Trung tâm Sài Gòn",
        "other_names": "Bưu điện Thành phố Hồ Chí Minh",
        "kind": "kien_truc",
        "ranking": "chua_xep_hang",
        "period": "Từ năm 1891",
        "summary": "Công trình kiến trúc Pháp cuối thế kỷ XIX bên Nhà thờ Đức Bà; chưa xếp hạng di "
        "tích, đang được đề nghị lập hồ sơ xếp hạng.",
        "address": "2 Công xã Paris",
        "ward": "Phường Bến Nghé",
        "district": "Quận 1",
        "point": (10.7799, 106.6999),
        "history": [
            (
                1891,
                "Hoàn thành tòa nhà",
                "Tòa nhà bưu điện mang dấu ấn kiến trúc Pháp cuối thế kỷ XIX hoàn thành.",
            ),
            (
                2025,
                "Đề nghị xếp hạng di tích",
                "Bưu điện Thành phố đồng thuận phối hợp lập hồ sơ "
                "đề nghị xếp hạng di tích cho tòa nhà.",
            ),
        ],
        "notable_people": [],
        "notable_events": "",
        "body": [
            (
                "p",
                "<p>Sảnh lớn với mái vòm và những tấm bản đồ cổ vẫn là nơi du khách gửi bưu "
                "thiếp đi khắp thế giới.</p>",
            ),
        ],
    },
    {
        "slug": "nha-tho-duc-ba-sai-gon",
        "title": "Nhà thờ Đức Bà Sài Gòn",
        "other_names": "Vương cung thánh đường Chính tòa Đức Mẹ Vô nhiễm Nguyên tội",
        "kind": "kien_truc",
        "ranking": "chua_xep_hang",
        "period": "Từ năm 1880",
        "summary": "Nhà thờ chính tòa của Tổng giáo phận, xây dựng 1877–1880 theo thiết kế của "
        "kiến trúc sư J. Bourard.",
        "address": "1 Công xã Paris",
        "ward": "Phường Bến Nghé",
        "district": "Quận 1",
        "point": (10.7798, 106.6990),
        "history": [
            (
                1877,
                "Khởi công",
                "Nhà thờ được khởi công theo thiết kế của kiến trúc sư J. Bourard.",
            ),
            (1880, "Hoàn thành", "Lễ khánh thành được tổ chức vào tháng 4/1880."),
            (1959, "Tượng Đức Mẹ Hòa Bình", "Tượng Đức Mẹ được dựng ở công trường trước nhà thờ."),
            (
                1962,
                "Vương cung thánh đường",
                "Nhà thờ được nâng lên hàng tiểu vương cung thánh đường.",
            ),
        ],
        "notable_people": [],
        "notable_events": "",
        "body": [
            (
                "p",
                "<p>Công trình gạch đỏ với hai tháp chuông là một biểu tượng kiến trúc của trung "
                "tâm Thành phố.</p>",
            ),
        ],
    },
]

# Neighbourhood offices: invented wards, officers and phone numbers ------------------------------

OFFICER_NAMES = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Đức",
    "Võ Thị Hạnh",
    "Đặng Văn Khoa",
    "Bùi Thị Lan",
    "Đỗ Văn Minh",
    "Huỳnh Thị Ngọc",
    "Phan Văn Phúc",
    "Trương Thị Quyên",
]
OFFICER_ROLES = [
    "truong_khu_pho",
    "bi_thu_chi_bo",
    "bi_thu_chi_doan",
    "truong_ban_mat_tran",
    "cong_an_khu_vuc",
]

OFFICES = [
    {
        "number": number,
        "slug": f"khu-pho-mau-{number}",
        "title": f"Văn phòng Khu phố Mẫu {number} (dữ liệu mẫu)",
        "ward": ward,
        "district": district,
        "point": point,
        "former_units": f"Khu phố Mẫu {number}A (cũ)\nKhu phố Mẫu {number}B (cũ)",
    }
    for number, ward, district, point in [
        (1, "Phường Mẫu An (tên mẫu)", "Quận 1", (10.7690, 106.6920)),
        (2, "Phường Mẫu An (tên mẫu)", "Quận 1", (10.7705, 106.6890)),
        (3, "Phường Mẫu Bình (tên mẫu)", "Quận 3", (10.7850, 106.6830)),
        (4, "Phường Mẫu Bình (tên mẫu)", "Quận 3", (10.7870, 106.6800)),
        (5, "Phường Mẫu Hòa (tên mẫu)", "Quận Bình Thạnh", (10.8050, 106.7090)),
        (6, "Phường Mẫu Hòa (tên mẫu)", "Quận Bình Thạnh", (10.8075, 106.7120)),
    ]
]

# Related pages shown at the end of a street's page.
STREET_RELATED_HERITAGE = {
    "duong-le-loi": ["cho-ben-thanh"],
    "duong-nam-ky-khoi-nghia": ["dinh-doc-lap"],
    "duong-nguyen-thi-minh-khai": ["dinh-doc-lap"],
}
HOME_FEATURED = [
    ("heritage", "dinh-doc-lap"),
    ("heritage", "dia-dao-cu-chi"),
    ("streets", "duong-ly-tu-trong"),
    ("schools", "truong-thcs-mau-son-ca"),
]
