package demo

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
)

// upload posts data as the file field (normally "photo") of a multipart form
// and returns the status and raw answer.
func (sh *testShop) upload(c *http.Client, path, field, fileName string, data []byte) (int, []byte) {
	sh.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, err := mw.CreateFormFile(field, fileName)
	if err != nil {
		sh.t.Fatal(err)
	}
	part.Write(data)
	if err := mw.Close(); err != nil {
		sh.t.Fatal(err)
	}
	req, err := http.NewRequest("POST", sh.server.URL+path, &body)
	if err != nil {
		sh.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		sh.t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		sh.t.Fatal(err)
	}
	return resp.StatusCode, answer
}

// get fetches path and returns status, Content-Type and body.
func (sh *testShop) get(c *http.Client, path string) (int, string, []byte) {
	sh.t.Helper()
	resp, body := sh.fetch(c, path)
	return resp.StatusCode, resp.Header.Get("Content-Type"), body
}

func testImage(t *testing.T, encode func(io.Writer, image.Image) error) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.RGBA{0x2d, 0x6a, 0x4f, 0xff})
	var b bytes.Buffer
	if err := encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func pngBytes(t *testing.T) []byte { return testImage(t, png.Encode) }

func jpegBytes(t *testing.T) []byte {
	return testImage(t, func(w io.Writer, m image.Image) error { return jpeg.Encode(w, m, nil) })
}

func TestPhotoUpload(t *testing.T) {
	pngData, jpegData := pngBytes(t), jpegBytes(t)
	// Just over the limit, and a PNG by its first bytes, so only the size is wrong.
	tooBig := append(append([]byte(nil), pngData...), make([]byte, maxPhotoBytes+1-len(pngData))...)
	atLimit := tooBig[:maxPhotoBytes]

	cases := []struct {
		reason   string
		who      string
		field    string
		fileName string
		data     []byte
		want     int
		wantText string // in the answer
	}{
		{"the owner uploads a PNG", "owner", "photo", "sweater.png", pngData, 200, `"file_name":"sweater.png"`},
		{"a JPEG is a photo too", "owner", "photo", "sweater.jpg", jpegData, 200, `"file_name":"sweater.jpg"`},
		{"the type is read from the bytes, not the name", "owner", "photo", "sweater.txt", pngData, 200, `"file_name":"sweater.txt"`},
		{"a Windows path keeps only the file name", "owner", "photo", `C:\photos\sweater.png`, pngData, 200, `"file_name":"sweater.png"`},
		{"2 MB exactly is allowed", "owner", "photo", "big.png", atLimit, 200, `"file_name":"big.png"`},
		{"one byte more is too large", "owner", "photo", "huge.png", tooBig, 413, "the photo is larger than 2 MB"},
		{"text is not a photo, whatever its name", "owner", "photo", "notes.png", []byte("just some notes\n"), 415,
			"a photo must be a PNG or JPEG image; notes.png is text/plain"},
		{"a GIF is not accepted", "owner", "photo", "anim.gif", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), 415, "is image/gif"},
		{"an empty file is refused", "owner", "photo", "empty.png", nil, 422, "the photo is empty"},
		{"the field must be called photo", "owner", "picture", "sweater.png", pngData, 422, "send a file field named photo"},
		{"a customer may not upload", "alice", "photo", "sweater.png", pngData, 403, "customer alice@example.com may not update product"},
		{"a signed-out visitor must sign in", "signed out", "photo", "sweater.png", pngData, 401, "sign in required"},
	}
	for _, c := range cases {
		t.Run(c.reason, func(t *testing.T) {
			sh := startTestShop(t)
			w := sh.classicWorld()
			browsers := map[string]*http.Client{
				"owner": sh.signIn("owner@example.com"), "alice": sh.signIn("alice@example.com"), "signed out": sh.browser(),
			}
			path := "/api/products/" + jsonID(w.black["id"]) + "/photo"
			status, body := sh.upload(browsers[c.who], path, c.field, c.fileName, c.data)
			if status != c.want || !strings.Contains(string(body), c.wantText) {
				t.Fatalf("upload: got %d %s, want %d containing %q", status, body, c.want, c.wantText)
			}
			owner := browsers["owner"]
			photo := sh.product(owner, w.black["id"]).Photo
			if c.want != http.StatusOK {
				if photo != nil {
					t.Errorf("a refused upload stored a photo: %+v", photo)
				}
				return
			}
			if photo == nil || photo.URL == "" {
				t.Fatalf("the product has no photo after the upload")
			}
			status, contentType, data := sh.get(owner, photo.URL)
			if status != http.StatusOK || !bytes.Equal(data, c.data) {
				t.Errorf("GET %s: %d with %d bytes, want 200 with the %d bytes uploaded", photo.URL, status, len(data), len(c.data))
			}
			if contentType != "image/png" && contentType != "image/jpeg" {
				t.Errorf("GET %s: Content-Type %q, want the sniffed image type", photo.URL, contentType)
			}
		})
	}
}

func TestANewPhotoReplacesTheOldOne(t *testing.T) {
	sh := startTestShop(t)
	w := sh.classicWorld()
	owner := sh.signIn("owner@example.com")
	path := "/api/products/" + jsonID(w.black["id"]) + "/photo"

	if status, body := sh.upload(owner, path, "photo", "first.png", pngBytes(t)); status != http.StatusOK {
		t.Fatalf("first upload: %d %s", status, body)
	}
	first := sh.product(owner, w.black["id"]).Photo
	if status, body := sh.upload(owner, path, "photo", "second.jpg", jpegBytes(t)); status != http.StatusOK {
		t.Fatalf("second upload: %d %s", status, body)
	}
	second := sh.product(owner, w.black["id"]).Photo
	if second.FileName != "second.jpg" || second.URL == first.URL {
		t.Errorf("after a second upload the photo is %+v (was %+v); want second.jpg at a new URL, so no browser shows the old one",
			second, first)
	}
	if _, contentType, _ := sh.get(owner, second.URL); contentType != "image/jpeg" {
		t.Errorf("the new photo is served as %q, want image/jpeg", contentType)
	}
}

func TestWhoSeesAPhoto(t *testing.T) {
	sh := startTestShop(t)
	w := sh.classicWorld()
	owner := sh.signIn("owner@example.com")
	black, blue := jsonID(w.black["id"]), jsonID(w.blue["id"])
	if status, body := sh.upload(owner, "/api/products/"+black+"/photo", "photo", "black.png", pngBytes(t)); status != http.StatusOK {
		t.Fatalf("upload: %d %s", status, body)
	}
	cases := []struct {
		reason  string
		browser *http.Client
		path    string
		want    int
	}{
		{"customers see the photos of what they may buy", sh.signIn("alice@example.com"), "/api/products/" + black + "/photo", 200},
		{"signed-out visitors must sign in", sh.browser(), "/api/products/" + black + "/photo", 401},
		{"a product without a photo has none to show", owner, "/api/products/" + blue + "/photo", 404},
		{"a missing product has no photo", owner, "/api/products/999/photo", 404},
	}
	for _, c := range cases {
		if status, _, body := sh.get(c.browser, c.path); status != c.want {
			t.Errorf("%s: GET %s = %d, want %d (%s)", c.reason, c.path, status, c.want, body)
		}
	}
	if p := sh.product(owner, w.blue["id"]); p.Photo != nil {
		t.Errorf("a product without a photo must say photo: null, got %+v", p.Photo)
	}
}

func TestAnUploadMustBeMultipart(t *testing.T) {
	sh := startTestShop(t)
	w := sh.classicWorld()
	status, body := sh.call(sh.signIn("owner@example.com"), "POST", "/api/products/"+jsonID(w.black["id"])+"/photo", `{"photo":"x"}`)
	if status != http.StatusBadRequest || !strings.Contains(string(body), "multipart/form-data") {
		t.Errorf("a JSON body: got %d %s, want 400 explaining the form", status, body)
	}
}
