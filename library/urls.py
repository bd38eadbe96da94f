from django.urls import path

from library import views

app_name = "library"

urlpatterns = [
    # The reader and the "Đọc sách" link of a book page read the e-book from here.
    path("sach-dien-tu/<int:book_id>/", views.ebook, name="ebook"),
]
