"""The sample export and the uploads folder it expects, for any test folder."""

from pathlib import Path

from PIL import Image

SAMPLE = Path(__file__).with_name("sample.xml")
# Files the sample's attachments point at; 2023/06/quiet-bedroom.jpg is missing on purpose.
UPLOADS = {
    "2023/05/garden-path.jpg": ((1200, 800), (92, 130, 84)),
    "2023/07/beach-walk.png": ((900, 600), (214, 170, 110)),
}


def make_uploads(root: Path) -> Path:
    """A copy of wp-content/uploads with plain generated pictures."""
    for name, (size, colour) in UPLOADS.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        picture = Image.new("RGB", size, colour)
        # A lighter band, so the screenshots show where an image sits.
        picture.paste((240, 236, 220), (0, size[1] * 2 // 3, size[0], size[1]))
        picture.save(path)
    return root
